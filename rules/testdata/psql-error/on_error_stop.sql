-- With ON_ERROR_STOP set, psql stops at the first statement that fails.
CREATE TABLE t (id serial PRIMARY KEY);
\set ON_ERROR_STOP nope \\ -- want "^unrecognized value \"nope\" for \"ON_ERROR_STOP\": Boolean expected$"
\set ON_ERROR_STOP 1
SELECT 1;
SELEC 1; -- want "^ON_ERROR_STOP is set and the statement fails: psql stops the script here, and nothing after it runs$"
-- Nothing runs after it: this load is not checked.
INSERT INTO t VALUES (1000);
