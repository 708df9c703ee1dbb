-- Repeatable: runs after every versioned migration.
INSERT INTO c (id, name) VALUES (1, 'one'), (2, 'two');
INSERT INTO d (id, name) VALUES (1, 'one'), (2, 'two');
