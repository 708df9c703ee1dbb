-- A file outside the project root (the folder of this file) is never
-- opened, whether it exists or not; the rest of the script runs.
CREATE TABLE t (id serial PRIMARY KEY);
\i /proc/self/environ -- want "\\i: /proc/self/environ is outside the project root .*: not read"
\ir ../../../../../../../../../../etc/passwd -- want "\\ir: .*etc/passwd is outside the project root .*: not read"
\i /dev/zero -- want "\\i: /dev/zero is outside the project root"
-- A file inside the root is read as psql reads it.
\ir seed.sql
SELECT setval('t_id_seq', 2);
