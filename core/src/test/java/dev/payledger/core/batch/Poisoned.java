package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.Ledger;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.ledger.WalletEntry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store whose ledger throws when asked to post a key containing the poison: a batch's bad apple. */
final class Poisoned {
    private Poisoned() {
    }

    static Persistence ledger(Persistence store, String poison) {
        Ledger ledger = new PoisonedLedger(store.ledger(), poison);
        return new Persistence(store.unitOfWork(), store.orders(), store.payments(), store.refunds(), ledger,
                store.featureGrants(), store.idempotencyKeys(), store.inbox(), store.outbox());
    }

    private record PoisonedLedger(Ledger ledger, String poison) implements Ledger {
        @Override
        public Posting post(LedgerTransaction transaction) {
            Posting posting = ledger.post(transaction);
            if (transaction.key().contains(poison)) {
                throw new IllegalStateException("poisoned " + transaction.key());
            }
            return posting;
        }

        @Override
        public boolean isPosted(String key) {
            return ledger.isPosted(key);
        }

        @Override
        public Wallet wallet(UserId user) {
            return ledger.wallet(user);
        }

        @Override
        public List<WalletEntry> entries(UserId user, Optional<Long> before, int limit) {
            return ledger.entries(user, before, limit);
        }

        @Override
        public Map<String, Long> totalsByAsset() {
            return ledger.totalsByAsset();
        }

        @Override
        public long balance(AccountId account) {
            return ledger.balance(account);
        }

        @Override
        public List<WalletDrift> walletsOutOfBalance() {
            return ledger.walletsOutOfBalance();
        }
    }
}
