-- Scenario: serial sequence names truncated to 63 bytes.
-- Covers: long table and column names, where PostgreSQL shortens the
-- longer part until table_column_seq fits in 63 bytes; a second table
-- truncating to the same name (a digit is appended inside the 63 bytes:
-- ..._au_seq1); multibyte names, cut on a character boundary.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public."Straße_und_Hausnummer_Verzei_Größe_ID_of_the_measurement_seq"
-- collides: public.warehouse_inventory_adjustmen_adjustment_identifier_for_au_seq1

-- In sync: sequence warehouse_inventory_adjustmen_adjustment_identifier_for_aud_seq.
CREATE TABLE warehouse_inventory_adjustment_history_records_2024 (adjustment_identifier_for_audit serial PRIMARY KEY, qty int);
INSERT INTO warehouse_inventory_adjustment_history_records_2024 VALUES (1, 5), (2, 6);
SELECT setval(pg_get_serial_sequence('warehouse_inventory_adjustment_history_records_2024', 'adjustment_identifier_for_audit'), 2);

-- Out of sync: the same truncated name is taken, so this one is
-- warehouse_inventory_adjustmen_adjustment_identifier_for_au_seq1.
CREATE TABLE warehouse_inventory_adjustment_history_records_2025 (adjustment_identifier_for_audit serial PRIMARY KEY, qty int);
INSERT INTO warehouse_inventory_adjustment_history_records_2025 VALUES (1, 5), (2, 6), (3, 7);

-- In sync: a 63-byte table name with a short column.
CREATE TABLE customer_relationship_management_contact_history_entries_archive (id bigserial, note text);
INSERT INTO customer_relationship_management_contact_history_entries_archive (note) VALUES ('a');

-- Out of sync: multibyte (UTF-8) names, quoted because of upper case.
CREATE TABLE "Straße_und_Hausnummer_Verzeichnis_für_Lieferanten" ("Größe_ID_of_the_measurement" serial, wert int);
INSERT INTO "Straße_und_Hausnummer_Verzeichnis_für_Lieferanten" VALUES (1, 10), (2, 20);
