package dev.payledger.core.payment;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.WalletEntry;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentSettlementTest {
    private final Harness harness = new Harness(InMemoryPersistence.create());
    private final UserId ana = UserId.of("ana");

    @Test
    void sixtyFourThreadsThroughEveryEntryPointCreditOnce() throws Exception {
        Payment payment = harness.checkout(ana, "pro");
        harness.provider.script(payment.providerRef().orElseThrow(), new ProviderPaymentState.Paid(Harness.evidence(payment)));
        harness.provider.scriptConfirmation(new ClientConfirmation.Verified(
                new ProviderPaymentState.Paid(Harness.evidence(payment))));
        harness.clock.advance(Duration.ofMinutes(6));

        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int entryPoint = i % 4;
            futures.add(pool.submit(() -> {
                start.await();
                return switch (entryPoint) {
                    case 0 -> harness.payLedger.confirmClientPayment().confirm(
                            new ConfirmClientPayment.Command(ana, payment.id(), Map.of("signature", "ok")));
                    case 1 -> harness.deliver(harness.capturedEvent(payment));
                    case 2 -> harness.payLedger.reconcile().run();
                    default -> harness.payLedger.settlePayment().settle(Harness.evidence(payment));
                };
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        List<WalletEntry> entries = harness.payLedger.readWallet().statement(ana, Optional.empty(), 100).items();
        assertThat(entries).hasSize(1).first().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.PURCHASE);
            assertThat(entry.amount()).isEqualTo(100);
        });
        assertThat(harness.wallet(ana).balance()).isEqualTo(100);
        assertThat(harness.payLedger.readPayments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }
}
