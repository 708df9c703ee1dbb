-- A schema the script does not define may hold the sequence already: a
-- data-only dump restored into an existing database is clean.
SELECT pg_catalog.setval('sales.orders_id_seq', 7, true);
ALTER SEQUENCE sales.orders_id_seq RESTART;

-- CREATE SCHEMA IF NOT EXISTS may meet a schema that is already there,
-- with its sequences: clean.
CREATE SCHEMA IF NOT EXISTS sales;
SELECT pg_catalog.setval('sales.orders_id_seq', 7, true);

-- A schema the script creates is empty until the script fills it.
CREATE SCHEMA app;
SELECT pg_catalog.setval('app.orders_id_seq', 7, true); -- want "setval names sequence app.orders_id_seq, which does not exist in schema app"
CREATE TABLE app."Orders" ("Id" int DEFAULT nextval('app."Orders_Id_seq"')); -- want "column default names sequence app.\"Orders_Id_seq\""

-- An unqualified name is looked for along the search path: only when the
-- script defines every schema on it is the sequence surely missing.
SET search_path = sales, app;
SELECT nextval('orders_id_seq');
SET search_path = app;
SELECT nextval('orders_id_seq'); -- want "nextval names sequence app.orders_id_seq"
