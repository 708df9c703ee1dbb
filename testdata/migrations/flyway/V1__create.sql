CREATE TABLE a (id serial PRIMARY KEY, name text);
CREATE TABLE b (id serial PRIMARY KEY, name text);
CREATE TABLE c (id serial PRIMARY KEY, name text);
CREATE TABLE d (id serial PRIMARY KEY, name text);
