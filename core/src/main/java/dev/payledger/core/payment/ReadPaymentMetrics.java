package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.money.Money;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Payment metrics per provider over a period: attempts, paid, failed, cancelled, expired, open, held for
 * review, revenue and average per currency, and conversion (paid / attempts). Thread-safe.
 */
public final class ReadPaymentMetrics {
    private final Persistence store;

    public ReadPaymentMetrics(Persistence store) {
        this.store = store;
    }

    public List<ProviderMetrics> read(Instant from, Instant to) {
        List<Payments.PaymentTally> tallies = store.unitOfWork().inTransaction(() -> store.payments().tally(from, to));
        Map<String, Builder> byProvider = new TreeMap<>();
        for (Payments.PaymentTally tally : tallies) {
            byProvider.computeIfAbsent(tally.provider(), Builder::new).add(tally);
        }
        return byProvider.values().stream().map(Builder::build).toList();
    }

    /**
     * One provider's figures. {@code revenue} is captured money less nothing (refunds are reported by
     * {@code refunded} count); {@code average} is revenue per paid payment, rounded down to the minor unit.
     */
    public record ProviderMetrics(String provider, long attempts, long paid, long refunded, long failed,
                                  long cancelled, long expired, long open, long needsReview,
                                  Map<String, Money> revenue, Map<String, Money> average, double conversion) {
    }

    private static final class Builder {
        final String provider;
        long attempts;
        long paid;
        long refunded;
        long failed;
        long cancelled;
        long expired;
        long open;
        long needsReview;
        final Map<String, long[]> revenue = new TreeMap<>();

        Builder(String provider) {
            this.provider = provider;
        }

        void add(Payments.PaymentTally tally) {
            attempts += tally.count();
            PaymentStatus status = tally.status();
            if (status.isPaid()) {
                paid += tally.count();
                long[] sum = revenue.computeIfAbsent(tally.currency(), c -> new long[2]);
                sum[0] = Math.addExact(sum[0], tally.amountMinor());
                sum[1] += tally.count();
            }
            if (status == PaymentStatus.REFUNDED || status == PaymentStatus.PARTIALLY_REFUNDED) {
                refunded += tally.count();
            }
            switch (status) {
                case FAILED -> failed += tally.count();
                case CANCELLED -> cancelled += tally.count();
                case EXPIRED -> expired += tally.count();
                case CREATED, AUTHORIZED -> open += tally.count();
                case NEEDS_REVIEW -> needsReview += tally.count();
                default -> { }
            }
        }

        ProviderMetrics build() {
            Map<String, Money> totals = new TreeMap<>();
            Map<String, Money> averages = new TreeMap<>();
            revenue.forEach((currency, sum) -> {
                totals.put(currency, Money.ofMinor(currency, sum[0]));
                averages.put(currency, Money.ofMinor(currency, sum[0] / sum[1]));
            });
            double conversion = attempts == 0 ? 0 : (double) paid / attempts;
            return new ProviderMetrics(provider, attempts, paid, refunded, failed, cancelled, expired, open, needsReview,
                    totals, averages, conversion);
        }
    }
}
