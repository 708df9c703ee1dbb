BEGIN;

SELECT setval('a_id_seq', (SELECT max(id) FROM a));

INSERT INTO "serverpod_migrations" ("module", "version", "timestamp")
    VALUES ('app', '20240110120000000-fix-a', now())
    ON CONFLICT ("module")
    DO UPDATE SET "version" = '20240110120000000-fix-a', "timestamp" = now();

COMMIT;
