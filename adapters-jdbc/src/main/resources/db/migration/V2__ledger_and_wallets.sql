-- The double-entry ledger and the wallet projection.
--
-- ledger_transactions: one row per posted transaction; the key is the primary key, so a key posts once
--   whatever the application does (INSERT ... ON CONFLICT DO NOTHING decides who posts).
-- ledger_postings: one row per posting (transaction key, account, asset, signed amount); a transfer is two
--   postings. Every statement that inserts postings must balance to zero per transaction and asset.
-- wallets: the materialised balance of WALLET accounts only (balance, earned, spent), changed in the same
--   transaction as the postings by conditional updates (balance + delta >= 0). System accounts
--   (credits:issued, credits:spent, revenue:INR, clearing:<provider>:<currency>, suspense:...) have NO
--   balance row: their balance is derived by summing their postings, so they never become hot rows that
--   every payment of every user would have to lock.
-- wallet_entries: what a user sees on their statement, with a per-wallet sequence for keyset pagination.
-- All four are append-only except the wallets projection (triggers below refuse UPDATE and DELETE).

CREATE TABLE ledger_transactions (
    key         text        PRIMARY KEY,
    type        text        NOT NULL CHECK (type IN ('PURCHASE', 'SPEND', 'REFUND', 'GRANT', 'ADJUSTMENT', 'SETTLEMENT')),
    description text        NOT NULL,
    posted_at   timestamptz NOT NULL
);

CREATE TABLE ledger_postings (
    tx_key  text   NOT NULL REFERENCES ledger_transactions (key),
    leg     int    NOT NULL,
    account text   NOT NULL,
    asset   text   NOT NULL,
    amount  bigint NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (tx_key, leg)
);
CREATE INDEX ledger_postings_by_account ON ledger_postings (account, asset);

CREATE TABLE wallets (
    user_id       text   PRIMARY KEY,
    balance       bigint NOT NULL,
    earned        bigint NOT NULL,
    spent         bigint NOT NULL,
    last_sequence bigint NOT NULL CHECK (last_sequence >= 0),
    CONSTRAINT wallets_balance_not_negative CHECK (balance >= 0),
    CONSTRAINT wallets_balance_is_earned_minus_spent CHECK (balance = earned - spent)
);

CREATE TABLE wallet_entries (
    user_id       text        NOT NULL REFERENCES wallets (user_id),
    sequence      bigint      NOT NULL CHECK (sequence > 0),
    tx_key        text        NOT NULL REFERENCES ledger_transactions (key),
    type          text        NOT NULL,
    amount        bigint      NOT NULL CHECK (amount <> 0),
    balance_after bigint      NOT NULL CHECK (balance_after >= 0),
    description   text        NOT NULL,
    posted_at     timestamptz NOT NULL,
    -- The primary key serves the statement's keyset pagination: WHERE user_id = ? AND sequence < ? ORDER BY sequence DESC.
    PRIMARY KEY (user_id, sequence),
    CONSTRAINT wallet_entries_one_per_transaction UNIQUE (tx_key, user_id)
);

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: posted ledger rows are never changed', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER wallet_entries_append_only BEFORE UPDATE OR DELETE ON wallet_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

CREATE FUNCTION ledger_require_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced record;
BEGIN
    SELECT tx_key, asset, sum(amount) AS total INTO unbalanced
      FROM new_postings GROUP BY tx_key, asset HAVING sum(amount) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not balance in %: off by %',
            unbalanced.tx_key, unbalanced.asset, unbalanced.total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
    REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_require_balanced();
