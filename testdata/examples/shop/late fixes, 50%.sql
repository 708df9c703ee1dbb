-- Meant to repair the sequences after the import; it leaves one behind and
-- has a typo.
SELECT pg_catalog.setval(
    '"Order Lines_id_seq"', 1, true);
INSERT INTO customers (id name) VALUES (4, 'Alan');
