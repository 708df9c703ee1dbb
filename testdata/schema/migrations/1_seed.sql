SET search_path = app;
INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'bob');
INSERT INTO orders (id, user_id) VALUES (1, 1), (2, 2), (3, 1);
INSERT INTO invoices (no, order_id) VALUES (1000, 1), (1001, 2);
