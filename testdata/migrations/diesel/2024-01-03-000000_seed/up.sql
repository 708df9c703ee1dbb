INSERT INTO a (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO b (id, name) VALUES (1, 'one'), (2, 'two');
