package dev.payledger.core.idempotency;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentRequestsTest {
    private final Harness harness = new Harness(InMemoryPersistence.create());
    private final IdempotentRequests requests = harness.payLedger.idempotentRequests();
    private final UserId ana = UserId.of("ana");
    private final AtomicInteger runs = new AtomicInteger();

    private StoredResponse work() {
        return new StoredResponse(201, "{\"n\":" + runs.incrementAndGet() + "}");
    }

    @Test
    void theSameKeyAndRequestReplayTheFirstResponse() {
        assertThat(requests.run(ana, "k1", "POST /checkout a", this::work))
                .isEqualTo(new IdempotentRequests.Executed(new StoredResponse(201, "{\"n\":1}")));
        assertThat(requests.run(ana, "k1", "POST /checkout a", this::work))
                .isEqualTo(new IdempotentRequests.Replayed(new StoredResponse(201, "{\"n\":1}")));
        assertThat(runs).hasValue(1);
    }

    @Test
    void anotherRequestUnderTheSameKeyIsRefusedButAnotherUserMayUseIt() {
        requests.run(ana, "k1", "POST /checkout a", this::work);
        assertThat(requests.run(ana, "k1", "POST /checkout b", this::work)).isInstanceOf(IdempotentRequests.Mismatch.class);
        assertThat(requests.run(UserId.of("bo"), "k1", "POST /checkout b", this::work))
                .isInstanceOf(IdempotentRequests.Executed.class);
    }

    @Test
    void aConcurrentRepeatIsToldTheFirstIsInProgress() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<IdempotentRequests.Outcome> first = CompletableFuture.supplyAsync(() ->
                requests.run(ana, "k1", "f", () -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return work();
                }));
        inside.await();
        assertThat(requests.run(ana, "k1", "f", this::work)).isInstanceOf(IdempotentRequests.InProgress.class);
        release.countDown();
        assertThat(first.get()).isInstanceOf(IdempotentRequests.Executed.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRequestThatThrowsReleasesTheKeyAndAStaleClaimCanBeTakenOver() {
        assertThatThrownBy(() -> requests.run(ana, "k1", "f", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(requests.run(ana, "k1", "f", this::work)).isInstanceOf(IdempotentRequests.Executed.class);

        harness.payLedger.persistence().unitOfWork().inTransaction(() -> harness.payLedger.persistence().idempotencyKeys()
                .claim(ana, "k2", "f", harness.clock.instant(), harness.clock.instant()));
        assertThat(requests.run(ana, "k2", "f", this::work)).isInstanceOf(IdempotentRequests.InProgress.class);
        harness.clock.advance(Duration.ofMinutes(6));
        assertThat(requests.run(ana, "k2", "f", this::work)).isInstanceOf(IdempotentRequests.Executed.class);
    }

    @Test
    void blankOrHugeKeysAreInvalid() {
        assertThat(requests.run(ana, " ", "f", this::work)).isInstanceOf(IdempotentRequests.InvalidKey.class);
        assertThat(requests.run(ana, "x".repeat(256), "f", this::work)).isInstanceOf(IdempotentRequests.InvalidKey.class);
        assertThat(runs).hasValue(0);
    }
}
