SELECT setval('app.users_id_seq', (SELECT max(id) FROM app.users));
