-- A psql \if on a value from outside the script: pgseqlint takes it as
-- false, and names what the branch it skips may load.
CREATE TABLE items (id serial PRIMARY KEY);
CREATE TABLE orders (id serial PRIMARY KEY);
SELECT count(*) = 0 AS empty FROM items \gset
\if :empty
INSERT INTO items VALUES (10); -- want "^a statement in an \\if branch whose condition pgseqlint does not know may move sequence public.items_id_seq"
\if yes
COPY orders (id) FROM stdin; -- want "sequence public.orders_id_seq"
10
\.
\endif
\else
INSERT INTO orders VALUES (DEFAULT);
\endif
