-- The ledger's references, checked once per statement instead of once per row.
--
-- A foreign key runs a look-up (and takes a KEY SHARE lock) for every row inserted: six per settlement (four
-- postings, a wallet entry's transaction and wallet), ~12.5 µs each, and the ledger inserts its rows a batch
-- at a time. The same guarantees, one set-based query per statement:
-- * postings name a ledger transaction that exists (checked with their balance, in ledger_require_balanced);
-- * a wallet entry names a ledger transaction and a wallet that exist (wallet_entries_require_parents).
-- What a foreign key also did, refusing to delete the parent, already holds for ledger_transactions (append-only,
-- V2) and now holds for wallets: a wallet is never deleted (its entries are its statement). An insert that names a
-- missing parent fails with SQLSTATE 23503 (foreign_key_violation), as before.

ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_tx_key_fkey;
ALTER TABLE wallet_entries DROP CONSTRAINT wallet_entries_tx_key_fkey;
ALTER TABLE wallet_entries DROP CONSTRAINT wallet_entries_user_id_fkey;

CREATE OR REPLACE FUNCTION ledger_require_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced record;
    orphan text;
BEGIN
    SELECT tx_key, asset, sum(amount) AS total INTO unbalanced
      FROM new_postings GROUP BY tx_key, asset HAVING sum(amount) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not balance in %: off by %',
            unbalanced.tx_key, unbalanced.asset, unbalanced.total
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT p.tx_key INTO orphan FROM (SELECT DISTINCT tx_key FROM new_postings) p
     WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.key = p.tx_key) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'postings name ledger transaction %, which does not exist', orphan
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION wallet_entries_require_parents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    orphan text;
BEGIN
    -- Two queries, not one with "NOT EXISTS ... OR NOT EXISTS ...": an OR of subqueries cannot be an anti-join,
    -- and PostgreSQL hashed the whole wallets and ledger_transactions tables for it (3 ms a statement at 100k
    -- wallets, measured). Each of these is an index look-up per entry.
    SELECT e.tx_key INTO orphan FROM new_entries e
     WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.key = e.tx_key) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'a wallet entry names ledger transaction %, which does not exist', orphan
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    SELECT e.user_id INTO orphan FROM new_entries e
     WHERE NOT EXISTS (SELECT 1 FROM wallets w WHERE w.user_id = e.user_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'a wallet entry names wallet %, which does not exist', orphan
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER wallet_entries_have_parents AFTER INSERT ON wallet_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION wallet_entries_require_parents();

CREATE FUNCTION wallet_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'wallets are never deleted: wallet % has a statement', OLD.user_id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER wallets_never_deleted BEFORE DELETE ON wallets
    FOR EACH ROW EXECUTE FUNCTION wallet_refuse_delete();
