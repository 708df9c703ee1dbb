-- +goose Up
-- Version 10 runs after version 2 (a name order would run it first).
-- +goose StatementBegin
CREATE FUNCTION fix_a() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1;
END;
$$;
-- +goose StatementEnd
SELECT setval('a_id_seq', (SELECT max(id) FROM a));

-- +goose Down
DROP FUNCTION fix_a();
