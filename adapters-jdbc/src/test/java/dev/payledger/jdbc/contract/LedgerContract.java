package dev.payledger.jdbc.contract;

import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.Ledger;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.ledger.WalletEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.BOB;
import static dev.payledger.jdbc.contract.Fixtures.INR;
import static dev.payledger.jdbc.contract.Fixtures.T0;
import static dev.payledger.jdbc.contract.Fixtures.gift;
import static dev.payledger.jdbc.contract.Fixtures.grant;
import static dev.payledger.jdbc.contract.Fixtures.purchase;
import static dev.payledger.jdbc.contract.Fixtures.spend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class LedgerContract extends PersistenceContract {

    private Ledger ledger() {
        return persistence.ledger();
    }

    private Posting post(LedgerTransaction transaction) {
        return inTransaction(() -> ledger().post(transaction));
    }

    @Test
    void purchaseCreditsTheWalletAndBalancesEveryAsset() {
        assertThat(post(purchase("settle:pay_1", ALICE, 50))).isInstanceOf(Posting.Posted.class);

        assertThat(ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 50, 50, 0));
        assertThat(ledger().isPosted("settle:pay_1")).isTrue();
        assertThat(ledger().balance(AccountId.wallet(ALICE))).isEqualTo(50);
        assertThat(ledger().balance(AccountId.creditsIssued())).isEqualTo(-50);
        assertThat(ledger().balance(AccountId.clearing("razorpay", INR))).isEqualTo(4900);
        assertThat(ledger().balance(AccountId.revenue(INR))).isEqualTo(-4900);
        assertThat(ledger().totalsByAsset()).isEqualTo(Map.of("CREDITS", 0L, "INR", 0L));
        assertThat(ledger().walletsOutOfBalance()).isEmpty();
    }

    @Test
    void postedTellsEachWalletItMovedAsItLeftIt() {
        Posting.Posted purchase = (Posting.Posted) post(purchase("settle:pay_1", ALICE, 50));
        Posting.Posted gift = (Posting.Posted) post(gift("gift:1", ALICE, BOB, 20));
        Posting.Posted spend = (Posting.Posted) post(spend("spend:1", BOB, 5));

        assertThat(purchase.wallets()).isEqualTo(Map.of(ALICE, new Wallet(ALICE, 50, 50, 0)));
        assertThat(gift.wallets()).isEqualTo(Map.of(ALICE, ledger().wallet(ALICE), BOB, new Wallet(BOB, 20, 20, 0)));
        assertThat(spend.wallet(BOB)).isEqualTo(ledger().wallet(BOB)).isEqualTo(new Wallet(BOB, 15, 20, 5));
    }

    @Test
    void postedInOneListEachTellsTheWalletRightAfterItNotAfterTheList() {
        List<Posting> postings = inTransaction(() -> ledger().postAll(List.of(grant("grant:1", ALICE, 10),
                spend("spend:1", ALICE, 3), grant("grant:1", ALICE, 10), grant("grant:2", ALICE, 4),
                purchase("settle:pay_1", BOB, 7))));

        assertThat(postings).extracting(posting -> posting instanceof Posting.Posted posted
                        ? posted.wallets().values().iterator().next() : posting)
                .containsExactly(new Wallet(ALICE, 10, 10, 0), new Wallet(ALICE, 7, 10, 3),
                        new Posting.AlreadyPosted("grant:1"), new Wallet(ALICE, 11, 14, 3), new Wallet(BOB, 7, 7, 0));
        assertThat(ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 11, 14, 3));
    }

    @Test
    void aListOfCreditsWithAKeyPostedBeforePostsTheOthersOnce() {
        post(grant("grant:1", ALICE, 10));

        List<Posting> postings = inTransaction(() -> ledger().postAll(List.of(grant("grant:2", ALICE, 4),
                grant("grant:1", ALICE, 10), purchase("settle:pay_1", BOB, 7))));

        assertThat(postings).extracting(posting -> posting instanceof Posting.Posted posted
                        ? posted.wallets().values().iterator().next() : posting)
                .containsExactly(new Wallet(ALICE, 14, 14, 0), new Posting.AlreadyPosted("grant:1"),
                        new Wallet(BOB, 7, 7, 0));
        assertThat(ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 14, 14, 0));
        assertThat(ledger().entries(ALICE, Optional.empty(), 10)).hasSize(2);
        assertThat(ledger().totalsByAsset().values()).allMatch(total -> total == 0);
        assertThat(ledger().walletsOutOfBalance()).isEmpty();
    }

    @Test
    void postedKeysAndWalletsAnswerForSeveralAtOnce() {
        post(purchase("settle:pay_1", ALICE, 50));
        post(purchase("settle:pay_2", BOB, 20));

        assertThat(ledger().postedKeys(java.util.List.of("settle:pay_1", "settle:pay_2", "settle:pay_9")))
                .containsExactlyInAnyOrder("settle:pay_1", "settle:pay_2");
        dev.payledger.core.common.UserId nobody = dev.payledger.core.common.UserId.of("nobody");
        assertThat(ledger().wallets(java.util.List.of(ALICE, BOB, nobody))).containsExactly(
                Map.entry(ALICE, new Wallet(ALICE, 50, 50, 0)), Map.entry(BOB, new Wallet(BOB, 20, 20, 0)),
                Map.entry(nobody, Wallet.empty(nobody)));
    }

    @Test
    void sameKeyPostsOnce() {
        post(purchase("settle:pay_1", ALICE, 50));

        Posting again = post(purchase("settle:pay_1", ALICE, 50));

        assertThat(again).isEqualTo(new Posting.AlreadyPosted("settle:pay_1"));
        assertThat(ledger().wallet(ALICE).balance()).isEqualTo(50);
        assertThat(ledger().entries(ALICE, Optional.empty(), 10)).hasSize(1);
        assertThat(ledger().balance(AccountId.creditsIssued())).isEqualTo(-50);
    }

    @Test
    void alreadyPostedKeyWithOtherContentChangesNothing() {
        post(grant("grant:1", ALICE, 5));

        assertThat(post(spend("grant:1", ALICE, 5))).isEqualTo(new Posting.AlreadyPosted("grant:1"));

        assertThat(ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 5, 5, 0));
    }

    @Test
    void spendingMoreThanTheBalanceWritesNothing() {
        post(grant("grant:1", ALICE, 10));

        Posting refused = post(spend("spend:1", ALICE, 11));

        assertThat(refused).isEqualTo(new Posting.InsufficientFunds(AccountId.wallet(ALICE), 10, 11));
        assertThat(ledger().isPosted("spend:1")).isFalse();
        assertThat(ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 10, 10, 0));
        assertThat(ledger().entries(ALICE, Optional.empty(), 10)).hasSize(1);
        assertThat(ledger().balance(AccountId.creditsSpent())).isZero();
        assertThat(ledger().totalsByAsset()).containsEntry("CREDITS", 0L);
    }

    @Test
    void spendingFromAWalletThatNeverHadCreditsIsRefused() {
        assertThat(post(spend("spend:1", BOB, 1)))
                .isEqualTo(new Posting.InsufficientFunds(AccountId.wallet(BOB), 0, 1));
        assertThat(ledger().wallet(BOB)).isEqualTo(Wallet.empty(BOB));
        assertThat(ledger().isPosted("spend:1")).isFalse();
    }

    @Test
    void refusedTransactionOverTwoWalletsLeavesBothAsTheyWere() {
        post(grant("grant:a", ALICE, 3));
        LedgerTransaction creditsBobThenOverdrawsAlice = new LedgerTransaction("adjust:1", EntryType.ADJUSTMENT, List.of(
                new Transfer(AccountId.creditsIssued(), AccountId.wallet(BOB), 7),
                new Transfer(AccountId.wallet(ALICE), AccountId.creditsSpent(), 4)), "Correction", T0);

        Posting refused = post(creditsBobThenOverdrawsAlice);

        assertThat(refused).isEqualTo(new Posting.InsufficientFunds(AccountId.wallet(ALICE), 3, 4));
        assertThat(ledger().wallet(BOB)).isEqualTo(Wallet.empty(BOB));
        assertThat(ledger().entries(BOB, Optional.empty(), 10)).isEmpty();
        assertThat(ledger().wallet(ALICE).balance()).isEqualTo(3);
    }

    @Test
    void workAfterARefusedPostingInTheSameTransactionStillCommits() {
        inTransaction(() -> {
            assertThat(ledger().post(spend("spend:1", ALICE, 1))).isInstanceOf(Posting.InsufficientFunds.class);
            assertThat(ledger().post(grant("grant:1", ALICE, 2))).isInstanceOf(Posting.Posted.class);
            assertThat(ledger().post(grant("grant:1", ALICE, 2))).isInstanceOf(Posting.AlreadyPosted.class);
        });

        assertThat(ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 2, 2, 0));
    }

    @Test
    void spendingKeepsBalanceEqualToEarnedMinusSpent() {
        post(purchase("settle:1", ALICE, 10));
        post(grant("grant:1", ALICE, 5));

        assertThat(post(spend("spend:1", ALICE, 15))).isInstanceOf(Posting.Posted.class);

        assertThat(ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 0, 15, 15));
        assertThat(ledger().balance(AccountId.creditsSpent())).isEqualTo(15);
        assertThat(ledger().walletsOutOfBalance()).isEmpty();
    }

    @Test
    void refundClawbackReducesEarned() {
        post(purchase("settle:1", ALICE, 10));
        LedgerTransaction clawback = new LedgerTransaction("refund:1", EntryType.REFUND,
                List.of(new Transfer(AccountId.wallet(ALICE), AccountId.creditsIssued(), 4)), "Refund", T0);

        post(clawback);

        assertThat(ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 6, 6, 0));
    }

    @Test
    void transferBetweenWalletsMovesBothAndWritesAnEntryEach() {
        post(grant("grant:1", ALICE, 10));

        post(gift("gift:1", ALICE, BOB, 4));

        assertThat(ledger().wallet(ALICE).balance()).isEqualTo(6);
        assertThat(ledger().wallet(BOB).balance()).isEqualTo(4);
        assertThat(ledger().entries(BOB, Optional.empty(), 10)).singleElement()
                .satisfies(entry -> assertThat(entry.transactionKey()).isEqualTo("gift:1"));
        assertThat(ledger().walletsOutOfBalance()).isEmpty();
    }

    @Test
    void entriesAreNewestFirstWithBalanceAfterAndPageByCursor() {
        post(grant("grant:1", ALICE, 10));
        post(spend("spend:1", ALICE, 3));
        post(grant("grant:2", ALICE, 1));

        List<WalletEntry> firstPage = ledger().entries(ALICE, Optional.empty(), 2);
        List<WalletEntry> secondPage = ledger().entries(ALICE, Optional.of(firstPage.get(1).sequence()), 2);

        assertThat(firstPage).extracting(WalletEntry::transactionKey).containsExactly("grant:2", "spend:1");
        assertThat(firstPage).extracting(WalletEntry::amount).containsExactly(1L, -3L);
        assertThat(firstPage).extracting(WalletEntry::balanceAfter).containsExactly(8L, 7L);
        assertThat(secondPage).singleElement().isEqualTo(new WalletEntry(1, ALICE, "grant:1", EntryType.GRANT, 10, 10,
                "Welcome gift", T0));
        assertThat(firstPage.get(0).sequence()).isGreaterThan(firstPage.get(1).sequence());
    }

    @Test
    void entriesOfAUserWithoutAWalletAreEmpty() {
        assertThat(ledger().entries(BOB, Optional.empty(), 10)).isEmpty();
        assertThat(ledger().wallet(BOB)).isEqualTo(Wallet.empty(BOB));
        assertThat(ledger().isPosted("nothing")).isFalse();
        assertThat(ledger().totalsByAsset()).isEmpty();
        assertThat(ledger().balance(AccountId.creditsIssued())).isZero();
    }

    @Test
    void postingRolledBackWithItsTransactionLeavesNoTrace() {
        assertThatThrownBy(() -> inTransaction(() -> {
            ledger().post(grant("grant:1", ALICE, 10));
            throw new Rollback();
        })).isInstanceOf(Rollback.class);

        assertThat(ledger().isPosted("grant:1")).isFalse();
        assertThat(ledger().wallet(ALICE)).isEqualTo(Wallet.empty(ALICE));
        assertThat(post(grant("grant:1", ALICE, 10))).isInstanceOf(Posting.Posted.class);
    }

    @Test
    void postWorksOutsideAUnitOfWork() {
        assertThat(ledger().post(grant("grant:1", ALICE, 10))).isInstanceOf(Posting.Posted.class);
        assertThat(ledger().wallet(ALICE).balance()).isEqualTo(10);
    }

    @Test
    void walletsOfDifferentUsersAreIndependent() {
        post(grant("grant:a", ALICE, 10));
        post(grant("grant:b", BOB, 1));

        assertThat(ledger().wallet(ALICE).balance()).isEqualTo(10);
        assertThat(ledger().wallet(BOB).balance()).isEqualTo(1);
        assertThat(ledger().entries(BOB, Optional.empty(), 10)).extracting(WalletEntry::user).containsOnly(BOB);
    }
}
