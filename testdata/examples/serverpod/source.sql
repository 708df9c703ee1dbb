-- The database behind the example dump: a few tables shaped like a
-- Serverpod app's auth module (bigserial keys, camelCase columns).
CREATE TABLE "serverpod_user_info" (
    "id" bigserial PRIMARY KEY,
    "userIdentifier" text NOT NULL,
    "userName" text NOT NULL,
    "fullName" text,
    "email" text,
    "created" timestamp without time zone NOT NULL,
    "imageUrl" text,
    "scopeNames" json NOT NULL,
    "blocked" boolean NOT NULL
);
CREATE UNIQUE INDEX "serverpod_user_info_user_identifier" ON "serverpod_user_info" USING btree ("userIdentifier");

CREATE TABLE "serverpod_email_auth" (
    "id" bigserial PRIMARY KEY,
    "userId" bigint NOT NULL,
    "email" text NOT NULL,
    "hash" text NOT NULL
);
CREATE UNIQUE INDEX "serverpod_email_auth_email" ON "serverpod_email_auth" USING btree ("email");

CREATE TABLE "serverpod_user_image" (
    "id" bigserial PRIMARY KEY,
    "userId" bigint NOT NULL,
    "version" bigint NOT NULL,
    "url" text NOT NULL
);

CREATE TABLE "serverpod_migrations" (
    "id" bigserial PRIMARY KEY,
    "module" text NOT NULL,
    "version" text NOT NULL,
    "timestamp" timestamp without time zone
);

INSERT INTO "serverpod_migrations" ("module", "version", "timestamp")
    VALUES ('serverpod_auth', '20240115074239642', now());

-- Users signed up through the app: keys from the sequence.
INSERT INTO "serverpod_user_info" ("userIdentifier", "userName", "fullName", "email", "created", "scopeNames", "blocked") VALUES
    ('ada@example.com', 'ada', 'Ada Lovelace', 'ada@example.com', '2024-02-01 09:00', '[]', false),
    ('grace@example.com', 'grace', 'Grace Hopper', 'grace@example.com', '2024-02-02 10:30', '[]', false),
    ('alan@example.com', 'alan', 'Alan Turing', 'alan@example.com', '2024-02-03 11:15', '["serverpod.admin"]', false);

-- Users imported from another system with their old ids.
INSERT INTO "serverpod_user_info" ("id", "userIdentifier", "userName", "fullName", "email", "created", "scopeNames", "blocked") VALUES
    (4, 'edsger@example.com', 'edsger', 'Edsger Dijkstra', 'edsger@example.com', '2023-11-20 08:00', '[]', false),
    (5, 'barbara@example.com', 'barbara', 'Barbara Liskov', 'barbara@example.com', '2023-11-21 08:00', '[]', false),
    (6, 'donald@example.com', 'donald', 'Donald Knuth', 'donald@example.com', '2023-11-22 08:00', '[]', true),
    (7, 'frances@example.com', 'frances', 'Frances Allen', 'frances@example.com', '2023-11-23 08:00', '[]', false);
SELECT setval('serverpod_user_info_id_seq', 7);

INSERT INTO "serverpod_email_auth" ("userId", "email", "hash") VALUES
    (1, 'ada@example.com', '$2a$10$4Fr7Fh9u1lHk'),
    (2, 'grace@example.com', '$2a$10$0tNlQmRZ3d8o'),
    (4, 'edsger@example.com', '$2a$10$T4vVwq2kQy6e');

INSERT INTO "serverpod_user_image" ("userId", "version", "url") VALUES
    (1, 1, 'https://example.com/ada.png'),
    (3, 1, 'https://example.com/alan.png');
