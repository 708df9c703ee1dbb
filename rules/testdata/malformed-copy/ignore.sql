-- A bad row lies inside its COPY: a comment on the COPY silences it.
CREATE TABLE users (id bigserial PRIMARY KEY, name text);
-- pgseqlint-ignore malformed-copy: the rows are filtered before the restore
COPY users (id, name) FROM stdin;
1	ada	lovelace
\.
COPY users (id, name) FROM stdin; -- pgseqlint-ignore malformed-copy: idem
2	grace	hopper
\.
COPY users (id, name) FROM stdin;
3	edsger	dijkstra -- want "extra data after last expected column"
\.
