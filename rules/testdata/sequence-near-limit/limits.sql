-- serial is integer: its sequence runs out at 2147483647.
CREATE TABLE events (id serial PRIMARY KEY, payload text);
INSERT INTO events VALUES (1, 'a'), (2000000000, 'b'); -- want "keys up to 2000000000 in public.events.id use 93.1% of the range of sequence public.events_id_seq, which runs out at 2147483647"
SELECT setval('events_id_seq', 2000000000);

-- Below the threshold: clean.
CREATE TABLE calm (id serial PRIMARY KEY);
INSERT INTO calm VALUES (1700000000);
SELECT setval('calm_id_seq', 1700000000);

-- bigserial has room: clean.
CREATE TABLE big (id bigserial PRIMARY KEY);
INSERT INTO big VALUES (2000000000);
SELECT setval('big_id_seq', 2000000000);

-- A bigint sequence feeding an integer column runs out where the column
-- does.
CREATE SEQUENCE wide;
CREATE TABLE narrow (id int DEFAULT nextval('wide'));
SELECT setval('wide', 2100000000); -- want "sequence public.wide hands out 2100000001 next, 97.7% of its range, which runs out at 2147483647, the end of the range of integer column public.narrow.id"

-- MAXVALUE bounds the range.
CREATE SEQUENCE tickets_seq MAXVALUE 1000;
CREATE TABLE tickets (id int DEFAULT nextval('tickets_seq') PRIMARY KEY);
COPY tickets (id) FROM stdin; -- want "keys up to 950 in public.tickets.id use 94.9% of the range of sequence public.tickets_seq, which runs out at 1000"
3
950
\.
SELECT setval('tickets_seq', 950);

-- A sequence that has handed out its last value.
CREATE SEQUENCE done_seq MAXVALUE 10 START 10; -- want "sequence public.done_seq has handed out its last value, 10: the next nextval fails"
SELECT nextval('done_seq');

-- smallserial runs out at 32767.
CREATE TABLE tiny (id smallserial);
INSERT INTO tiny VALUES (30000); -- want "keys up to 30000 in public.tiny.id use 91.5% .* which runs out at 32767"
SELECT setval('tiny_id_seq', 30000);

-- Descending: the smallest key counts, toward MINVALUE.
CREATE SEQUENCE down_seq INCREMENT BY -1 MINVALUE -100;
CREATE TABLE down (id int DEFAULT nextval('down_seq'));
INSERT INTO down VALUES (-95); -- want "keys down to -95 in public.down.id use 94.9% of the range of sequence public.down_seq, which runs out at -100"
SELECT setval('down_seq', -95);
