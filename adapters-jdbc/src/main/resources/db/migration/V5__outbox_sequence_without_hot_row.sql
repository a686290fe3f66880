-- The outbox numbers its events from a sequence instead of the outbox_counter row, whose lock every
-- appending transaction held until it committed (the one hot row of the schema).
--
-- Readers still never skip an event: an appending transaction takes a SHARED transaction-level advisory
-- lock (namespace 1348564300 = 'PAYL', key 1) before it draws its number, and holds it until it ends;
-- a reader takes the same lock EXCLUSIVELY (with a short lock_timeout) before reading, so when it reads,
-- every number drawn so far belongs to a transaction that has committed or rolled back. Appenders do not
-- wait for each other. Numbers of rolled-back transactions are skipped (gaps are normal).

CREATE SEQUENCE outbox_sequence AS bigint;
SELECT setval('outbox_sequence', (SELECT last_value + 1 FROM outbox_counter WHERE id = 1), false);
DROP TABLE outbox_counter;
