package dev.payledger.core.feature;

import dev.payledger.core.Persistence;
import dev.payledger.core.catalog.Catalog;
import dev.payledger.core.catalog.Feature;
import dev.payledger.core.common.Require;
import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.outbox.OutboxEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Unlocks a feature with credits: the debit and the grant (new, or extended from its current expiry) commit
 * together or not at all. The cost comes from the catalog. {@code requestId} makes it idempotent: the same
 * request unlocks (and charges) once. Thread-safe.
 */
public final class UnlockFeature {
    private final Persistence store;
    private final Catalog catalog;
    private final Clock clock;

    public UnlockFeature(Persistence store, Catalog catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Result unlock(Command command) {
        Optional<Feature> feature = catalog.feature(command.featureCode());
        if (feature.isEmpty()) {
            return new UnknownFeature(command.featureCode());
        }
        return store.unitOfWork().inTransaction(() -> unlock(command, feature.get()));
    }

    private Result unlock(Command command, Feature feature) {
        Instant now = clock.instant();
        Posting posting = store.ledger().post(new LedgerTransaction(
                "unlock:" + command.user() + ":" + command.requestId(), EntryType.SPEND,
                List.of(new Transfer(AccountId.wallet(command.user()), AccountId.creditsSpent(), feature.cost())),
                "Unlocked " + feature.name(), now));
        if (posting instanceof Posting.InsufficientFunds) {
            return new InsufficientCredits(store.ledger().wallet(command.user()), feature.cost());
        }
        Optional<FeatureGrant> current = store.featureGrants().find(command.user(), feature.code());
        if (!(posting instanceof Posting.Posted posted)) {
            return new Unlocked(current.orElseThrow(), store.ledger().wallet(command.user()));
        }
        Wallet wallet = posted.wallet(command.user());
        FeatureGrant grant = current.map(g -> g.extend(feature.duration(), now))
                .orElseGet(() -> FeatureGrant.start(command.user(), feature.code(), feature.duration(), now));
        store.featureGrants().save(grant);
        store.outbox().append(OutboxEvent.of("feature.unlocked", command.user(), feature.code(), Map.of(
                "feature", feature.code(), "credits", Long.toString(feature.cost()),
                "balance", Long.toString(wallet.balance()),
                "expires_at", grant.expiresAt().map(Instant::toString).orElse("never")), now));
        return new Unlocked(grant, wallet);
    }

    /** The user's grants that are active now. */
    public List<FeatureGrant> activeGrants(UserId user) {
        Instant now = clock.instant();
        return store.unitOfWork().inTransaction(() -> store.featureGrants().listByUser(user)).stream()
                .filter(grant -> grant.isActive(now)).toList();
    }

    public record Command(UserId user, String featureCode, String requestId) {
        public Command {
            Require.nonNull(user, "user");
            Require.token(featureCode, "feature code", 64);
            Require.token(requestId, "request id", 128);
        }
    }

    public sealed interface Result {
    }

    public record Unlocked(FeatureGrant grant, Wallet wallet) implements Result {
    }

    public record InsufficientCredits(Wallet wallet, long cost) implements Result {
    }

    public record UnknownFeature(String code) implements Result {
    }
}
