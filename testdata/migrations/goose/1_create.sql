-- Tables of the test.
-- +goose Up
CREATE TABLE a (id serial PRIMARY KEY, name text);
CREATE TABLE b (id serial PRIMARY KEY, name text);

-- +goose Down
DROP TABLE b;
DROP TABLE a;
