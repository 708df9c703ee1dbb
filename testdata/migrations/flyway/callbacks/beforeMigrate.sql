-- Runs before everything.
SET client_min_messages = warning;
