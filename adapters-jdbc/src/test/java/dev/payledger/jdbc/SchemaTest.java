package dev.payledger.jdbc;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the schema refuses on its own, whatever SQL an application (or a person) sends. */
class SchemaTest {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";
    private static final String INTEGRITY_VIOLATION = "23000";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.clean();
    }

    private static void refused(String sqlState, String... statements) {
        assertThatThrownBy(() -> TestDatabase.jdbi().useTransaction(handle -> {
            for (String statement : statements) {
                handle.execute(statement);
            }
        })).satisfies(failure -> org.assertj.core.api.Assertions.assertThat(Sql.sqlState(failure)).isEqualTo(sqlState));
    }

    private static void run(String... statements) {
        TestDatabase.jdbi().useTransaction((Handle handle) -> {
            for (String statement : statements) {
                handle.execute(statement);
            }
        });
    }

    private static final String TX = "INSERT INTO ledger_transactions (key, type, description, posted_at)"
            + " VALUES ('settle:pay_1', 'PURCHASE', 'Bought credits', now())";

    @Test
    void aDuplicateLedgerKeyIsRejectedByTheSchema() {
        run(TX);

        refused(UNIQUE_VIOLATION, TX);
    }

    @Test
    void postingsThatDoNotBalanceAreRejected() {
        refused(CHECK_VIOLATION, TX, "INSERT INTO ledger_postings (tx_key, leg, account, asset, amount) VALUES"
                + " ('settle:pay_1', 1, 'credits:issued', 'CREDITS', -50), ('settle:pay_1', 2, 'wallet:alice', 'CREDITS', 49)");
    }

    @Test
    void postingsAcrossAssetsMustBalancePerAsset() {
        refused(CHECK_VIOLATION, TX, "INSERT INTO ledger_postings (tx_key, leg, account, asset, amount) VALUES"
                + " ('settle:pay_1', 1, 'credits:issued', 'CREDITS', -50), ('settle:pay_1', 2, 'revenue:INR', 'INR', 50)");
    }

    @Test
    void postedLedgerRowsCannotBeChangedOrDeleted() {
        run(TX);

        refused(INTEGRITY_VIOLATION, "UPDATE ledger_transactions SET description = 'rewritten'");
        refused(INTEGRITY_VIOLATION, "DELETE FROM ledger_transactions");
    }

    @Test
    void postingsMustNameALedgerTransaction() {
        refused(FOREIGN_KEY_VIOLATION, "INSERT INTO ledger_postings (tx_key, leg, account, asset, amount) VALUES"
                + " ('settle:pay_1', 1, 'credits:issued', 'CREDITS', -50), ('settle:pay_1', 2, 'wallet:alice', 'CREDITS', 50)");
    }

    @Test
    void postingsOfSeveralTransactionsInOneStatementMustEachNameOne() {
        refused(FOREIGN_KEY_VIOLATION, TX, "INSERT INTO ledger_postings (tx_key, leg, account, asset, amount) VALUES"
                + " ('settle:pay_1', 1, 'credits:issued', 'CREDITS', -50), ('settle:pay_1', 2, 'wallet:alice', 'CREDITS', 50),"
                + " ('settle:pay_2', 1, 'credits:issued', 'CREDITS', -50), ('settle:pay_2', 2, 'wallet:bob', 'CREDITS', 50)");
    }

    @Test
    void aWalletEntryMustNameAnExistingTransactionAndWallet() {
        String wallet = "INSERT INTO wallets (user_id, balance, earned, spent, last_sequence) VALUES ('alice', 50, 50, 0, 1)";
        String entry = "INSERT INTO wallet_entries (user_id, sequence, tx_key, type, amount, balance_after, description,"
                + " posted_at) VALUES ('alice', 1, 'settle:pay_1', 'PURCHASE', 50, 50, 'Bought credits', now())";

        refused(FOREIGN_KEY_VIOLATION, wallet, entry);
        refused(FOREIGN_KEY_VIOLATION, TX, entry);
        run(TX, wallet, entry);
    }

    @Test
    void aWalletIsNeverDeleted() {
        run("INSERT INTO wallets (user_id, balance, earned, spent, last_sequence) VALUES ('alice', 0, 0, 0, 0)");

        refused(INTEGRITY_VIOLATION, "DELETE FROM wallets WHERE user_id = 'alice'");
    }

    @Test
    void aWalletBalanceCannotGoNegative() {
        refused(CHECK_VIOLATION, "INSERT INTO wallets (user_id, balance, earned, spent, last_sequence) VALUES ('alice', -1, 0, 1, 0)");
    }

    @Test
    void aWalletBalanceIsAlwaysEarnedMinusSpent() {
        refused(CHECK_VIOLATION, "INSERT INTO wallets (user_id, balance, earned, spent, last_sequence) VALUES ('alice', 5, 10, 0, 0)");
    }

    @Test
    void aProviderReferenceIsUniquePerProvider() {
        String payment = "INSERT INTO payments (id, order_id, user_id, provider, purchase_key, amount_minor, currency,"
                + " status, provider_ref, created_at, updated_at, version) VALUES ('%s', 'ord_1', 'alice', 'razorpay',"
                + " 'package:starter:INR', 4900, 'INR', 'CREATED', %s, now(), now(), 1)";
        run(payment.formatted("pay_1", "'order_A'"), payment.formatted("pay_2", "NULL"), payment.formatted("pay_3", "NULL"));

        refused(UNIQUE_VIOLATION, payment.formatted("pay_4", "'order_A'"));
    }

    @Test
    void anInboxEventIsStoredOncePerProvider() {
        String event = "INSERT INTO inbox_events (provider, event_id, type, body, received_at, state, attempts, next_attempt_at)"
                + " VALUES ('stripe', 'evt_1', 'checkout.session.completed', '\\x00', now(), 'RECEIVED', 0, now())";
        run(event);

        refused(UNIQUE_VIOLATION, event);
    }

    @Test
    void anIdempotencyKeyIsUniquePerUser() {
        String key = "INSERT INTO idempotency_keys (user_id, key, fingerprint, claimed_at) VALUES ('alice', 'k1', 'fp', now())";
        run(key);

        refused(UNIQUE_VIOLATION, key);
    }
}
