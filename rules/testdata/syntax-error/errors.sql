-- The parser's own message and position; the script goes on.
CREATE TABLE t (id serial, v text);
SELECT setval('t_id_seq', 42 true); -- want "syntax error at or near \"true\""
INSERT INTO t VALUES (1, 'a' 'b'); -- want "syntax error at or near \"'b'\""
-- A string continued on the next line is one string, as in the server.
INSERT INTO t VALUES (1, 'a'
	'b');
SELECT 1;
CREAT TABLE u (id int); -- want "syntax error at or near \"CREAT\""
-- Strings and comments that look like errors are not.
SELECT ';', $$ SELECT 1 +; $$, /* ; */ 'it''s';
SELECT 'unterminated; -- want "unterminated quoted string"
