-- The ledger's parent checks (V7) probe the parents' primary keys, whatever size the tables had when they were planned.
--
-- PL/pgSQL plans each query of a trigger function once per connection and keeps the plan until an ANALYZE (or a
-- schema change) of a table it reads. The plan is costed with the tables' size at that moment. On a new database
-- the parents (ledger_transactions, wallets) are a page or two, so "which keys are missing" became a sequential
-- scan of the whole parent, and every connection kept that plan while the tables grew until autovacuum first
-- analysed them (its first visit can come a minute or more later). Measured on a fresh embedded database, 8 callers
-- settling one payment per transaction: 14,317 settlements read 102 million rows of each parent, 377 settlements/s
-- instead of ~1,290. With these settings: 535/s (the rest is the plain path's wallet move, see operations.md).
--
-- The checks touch a handful of keys per statement, so an index probe per key is right at any size. The three
-- settings hold only while the functions run (PostgreSQL restores them on exit) and are the ones a batch session
-- sets for its own statements (JdbiTransactions).
ALTER FUNCTION ledger_require_balanced()
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off;
ALTER FUNCTION wallet_entries_require_parents()
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off;
