BEGIN;

INSERT INTO "a" ("id", "name") VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO "b" ("id", "name") VALUES (1, 'one'), (2, 'two');

INSERT INTO "serverpod_migrations" ("module", "version", "timestamp")
    VALUES ('app', '20240102120000000-seed', now())
    ON CONFLICT ("module")
    DO UPDATE SET "version" = '20240102120000000-seed', "timestamp" = now();

COMMIT;
