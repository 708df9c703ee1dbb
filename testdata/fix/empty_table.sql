-- Fix case: keys pgseqlint cannot see, into a table that is empty when the
-- script has run. The fix leaves the sequence so that its next value is its
-- start (setval(s, start, false)); --static falls back to the computed form.
--
-- Nothing collides (PostgreSQL finds the table empty), but pgseqlint cannot
-- know that.

CREATE SEQUENCE ticket_ids START WITH 100 MINVALUE 10;
CREATE TABLE tickets (id bigint DEFAULT nextval('ticket_ids') PRIMARY KEY, subject text);
INSERT INTO tickets (id, subject) SELECT g, 'old' FROM generate_series(1, length('')) AS g;
