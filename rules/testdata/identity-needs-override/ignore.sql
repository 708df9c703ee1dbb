CREATE TABLE a (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO a VALUES (1, 'x'); -- pgseqlint-ignore identity-needs-override: run with a patched server
INSERT INTO a VALUES (2, 'y'); -- want "public.a.id without OVERRIDING SYSTEM VALUE"
