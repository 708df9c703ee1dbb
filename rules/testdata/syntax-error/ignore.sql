-- The parser's position lies inside the statement: a comment on the line
-- before silences it.
-- pgseqlint-ignore syntax-error: written for a newer server
SELECT setval('users_id_seq', 42 true);
SELECT 1 2; -- pgseqlint-ignore syntax-error: kept as an example of a typo
SELECT 3 4; -- want "syntax error at or near \"4\""
