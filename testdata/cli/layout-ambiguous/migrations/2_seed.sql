-- +goose Up
INSERT INTO t VALUES (1);
