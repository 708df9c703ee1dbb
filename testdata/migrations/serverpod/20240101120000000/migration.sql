BEGIN;

CREATE TABLE "a" (
    "id" bigserial PRIMARY KEY,
    "name" text NOT NULL
);

CREATE TABLE "b" (
    "id" bigserial PRIMARY KEY,
    "name" text NOT NULL
);

CREATE TABLE "serverpod_migrations" (
    "id" bigserial PRIMARY KEY,
    "module" text NOT NULL,
    "version" text NOT NULL,
    "timestamp" timestamp without time zone
);
CREATE UNIQUE INDEX "serverpod_migrations_ids" ON "serverpod_migrations" USING btree ("module");

INSERT INTO "serverpod_migrations" ("module", "version", "timestamp")
    VALUES ('app', '20240101120000000', now())
    ON CONFLICT ("module")
    DO UPDATE SET "version" = '20240101120000000', "timestamp" = now();

COMMIT;
