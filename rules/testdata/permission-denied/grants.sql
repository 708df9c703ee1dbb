-- Built as a superuser, read as the role auditor.

-- auditor may read both: nothing to say.
CREATE TABLE open_t (id serial PRIMARY KEY);
INSERT INTO open_t DEFAULT VALUES;
GRANT SELECT ON open_t TO auditor;
GRANT USAGE ON SEQUENCE open_t_id_seq TO auditor;

-- The table is closed to auditor.
CREATE TABLE closed_t (id serial PRIMARY KEY); -- want "^permission denied for table public.closed_t: its keys were not read, so sequence public.closed_t_id_seq is not checked against them \(GRANT SELECT ON public.closed_t TO auditor\)$"
INSERT INTO closed_t DEFAULT VALUES;
GRANT USAGE ON SEQUENCE closed_t_id_seq TO auditor;

-- The sequence is closed to auditor.
CREATE TABLE hidden_seq (id serial PRIMARY KEY); -- want "^permission denied for sequence public.hidden_seq_id_seq: where it stands was not read, so it is not checked \(GRANT SELECT ON SEQUENCE public.hidden_seq_id_seq TO auditor\)$"
GRANT SELECT ON hidden_seq TO auditor;

-- USAGE shows where a sequence stands once it has handed out a value, not
-- before: not called yet, it hands out its last_value, which only SELECT
-- shows.
CREATE TABLE fresh (id serial PRIMARY KEY); -- want "^permission denied for sequence public.fresh_id_seq: where it stands was not read"
GRANT SELECT ON fresh TO auditor;
GRANT USAGE ON SEQUENCE fresh_id_seq TO auditor;

-- Row-level security hides rows from auditor.
CREATE TABLE policed (id serial PRIMARY KEY, owner name DEFAULT current_user); -- want "^row-level security hides rows of public.policed from role auditor: its keys were not read, so sequence public.policed_id_seq is not checked against them \(ALTER ROLE auditor BYPASSRLS\)$"
INSERT INTO policed DEFAULT VALUES;
ALTER TABLE policed ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON policed USING (owner = current_user);
GRANT SELECT ON policed TO auditor;
GRANT USAGE ON SEQUENCE policed_id_seq TO auditor;
