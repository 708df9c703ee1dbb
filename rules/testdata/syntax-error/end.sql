-- psql sends a statement that no semicolon ends (one a meta-command sends,
-- or the script's last) without the newline after its last line and the
-- empty lines it skips: an error at the end of input is on that line.
CREATE TABLE t (id serial);
SELECT setval('t_id_seq', 42, -- want "syntax error at end of input"
\gset
SELECT setval('t_id_seq', 42 -- want "syntax error at end of input"

\gset
SELECT setval('t_id_seq', -- want "syntax error at end of input"

