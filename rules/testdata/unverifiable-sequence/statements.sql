-- Statements pgseqlint does not follow: each names the sequences it may
-- reach.
CREATE TABLE t (id serial PRIMARY KEY, note text);

-- Functions and procedures the script defines, when they are called and
-- cannot be followed.
CREATE FUNCTION add_rows(n int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..n LOOP
    INSERT INTO t VALUES (i, 'loop');
  END LOOP;
END $$;
SELECT add_rows(300); -- want "function add_rows with a loop may move sequence public.t_id_seq"
CREATE FUNCTION add_default() RETURNS void LANGUAGE sql AS 'INSERT INTO t (note) VALUES (''default'')';
SELECT add_default() FROM t WHERE note = 'x'; -- want "function add_default, run a number of times pgseqlint cannot count, may move sequence public.t_id_seq"
CREATE FUNCTION add_key(k int) RETURNS int LANGUAGE sql AS 'INSERT INTO t VALUES (k, ''key'') RETURNING 1';
UPDATE t SET note = 'x' WHERE add_key(350) = 1; -- want "function add_key, run a number of times pgseqlint cannot count, may move sequence public.t_id_seq"
SELECT CASE WHEN count(*) > 0 THEN add_key(360) END FROM t; -- want "function add_key, run a number of times pgseqlint cannot count, may move sequence public.t_id_seq"
CREATE PROCEDURE add_dynamic(k int) LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO t VALUES (%s, ''dynamic'')', k);
END $$;
CALL add_dynamic(500); -- want "procedure add_dynamic with EXECUTE may move sequence public.t_id_seq"
CREATE FUNCTION add_perl() RETURNS void LANGUAGE plperl AS 'spi_exec_query("INSERT INTO t VALUES (600)")';
SELECT add_perl(); -- want "function add_perl with code in language plperl may move sequence public.t_id_seq"

-- Triggers and rules that run for rows pgseqlint does not see, or code
-- that does not run straight through.
CREATE TABLE src (k int);
CREATE FUNCTION copy_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.k > 0 THEN
    INSERT INTO t VALUES (NEW.k, 'trigger');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER src_copy AFTER INSERT OR UPDATE ON src FOR EACH ROW EXECUTE FUNCTION copy_key();
INSERT INTO src VALUES (700); -- want "trigger src_copy on src with IF may move sequence public.t_id_seq"
UPDATE src SET k = 701; -- want "trigger src_copy on src with IF may move sequence public.t_id_seq"
CREATE FUNCTION log_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO t VALUES (NEW.k, 'logged');
  RETURN NEW;
END $$;
DROP TRIGGER src_copy ON src;
CREATE TRIGGER src_log AFTER INSERT ON src FOR EACH ROW EXECUTE FUNCTION log_key();
COPY src FROM stdin; -- want "trigger src_log on src, run a number of times pgseqlint cannot count, may move sequence public.t_id_seq"
702
\.
CREATE TABLE staged (k int);
CREATE RULE stage AS ON INSERT TO staged WHERE NEW.k > 0 DO ALSO INSERT INTO t VALUES (NEW.k, 'rule');
INSERT INTO staged VALUES (800); -- want "rule stage on staged with a condition may move sequence public.t_id_seq"
INSERT INTO staged SELECT k FROM src; -- want "rule stage on staged with a condition may move sequence public.t_id_seq"

-- A query that only reads says nothing.
WITH seen AS (SELECT id FROM t) SELECT count(*) FROM seen;
CREATE FUNCTION count_rows() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM t';
SELECT count_rows();
