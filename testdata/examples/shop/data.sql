COPY customers (id, name) FROM stdin;
1	Ada
2	Grace
3	José
\.

INSERT INTO orders (id, customer_id, note) VALUES (10, 1, 'first'), (11, 3, 'Größe: 42, 100%');

INSERT INTO "Order Lines" (id, order_id, item) VALUES (1, 10, 'pen'), (2, 11, 'tinte für füller');
