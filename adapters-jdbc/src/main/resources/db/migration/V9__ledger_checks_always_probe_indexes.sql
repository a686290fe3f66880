-- The ledger's parent checks (V7) probe the parents' primary keys, whatever size the tables had when they were planned.
--
-- PL/pgSQL plans each query of a trigger function once per connection and keeps the plan until an ANALYZE (or a
-- schema change) of a table it reads. The plan is costed with the tables' size at that moment. On a new database
-- the parents (ledger_transactions, wallets) are a page or two, so "which keys are missing" became a sequential
-- scan of the whole parent, and every connection kept that plan while the tables grew until autovacuum first
-- analysed them (its first visit can come a minute or more later). Measured on a fresh embedded database: 377
-- settlements/s with 8 callers instead of ~1,290, PostgreSQL spending 4.8 ms of CPU a settlement; 14,317 settlements
-- read 102 million rows of each parent.
--
-- The checks touch a handful of keys per statement, so an index probe per key is right at any size. The three
-- settings hold only while the functions run (PostgreSQL restores them on exit) and are the ones a batch session
-- sets for its own statements (JdbiTransactions).
ALTER FUNCTION ledger_require_balanced()
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off;
ALTER FUNCTION wallet_entries_require_parents()
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off;
