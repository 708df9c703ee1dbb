-- Statements pgseqlint does not follow: each names the sequences it may
-- reach.
CREATE TABLE t (id serial PRIMARY KEY, note text);

-- Functions and procedures the script defines, when they are called.
CREATE FUNCTION add_row(k int) RETURNS void LANGUAGE sql AS 'INSERT INTO t VALUES (k, ''function'')';
SELECT add_row(300); -- want "function add_row may move sequence public.t_id_seq"
CREATE FUNCTION add_atomic() RETURNS void BEGIN ATOMIC INSERT INTO t VALUES (400, 'atomic'); END;
SELECT public.add_atomic(); -- want "function add_atomic may move sequence public.t_id_seq"
CREATE PROCEDURE add_proc() LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO t VALUES (500, 'procedure');
END $$;
CALL add_proc(); -- want "procedure add_proc may move sequence public.t_id_seq"

-- A query that only reads says nothing.
WITH seen AS (SELECT id FROM t) SELECT count(*) FROM seen;
CREATE FUNCTION count_rows() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM t';
SELECT count_rows();
