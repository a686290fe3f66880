package dev.payledger.app.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.stripe.StripeEmulator;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Spending credits on a feature, the visa order with its add-on, and the operator's dashboard. */
class WalletAndAdminInTheBrowserTest extends BrowserTest {

    @Test
    void unlockingAFeatureSpendsCreditsAndShowsItsExpiry() {
        app.payByCardWithoutBrowser("feature-fan", "popular", "USD");
        app.awaitBalance("feature-fan", 50);
        open("/wallet.html", "feature-fan");
        assertThat(page.locator("[data-testid=balance]")).hasText("50");
        assertThat(page.locator("#entries")).containsText("+50");
        markWindow();

        page.click("button[data-feature=export-csv]");

        assertThat(page.locator("[data-active=export-csv]")).containsText("Active until");
        assertThat(page.locator("[data-testid=balance]")).hasText("45");
        assertThat(page.locator("[data-testid=spent]")).hasText("5");
        assertThat(page.locator("#entries")).containsText("−5");
        assertThat(windowStillMarked()).isTrue();
        screenshot("wallet");
    }

    @Test
    void visaOrderWithEsimAddOnIsPaidByCard() {
        open("/order.html?currency=USD", "traveller");
        assertThat(page.locator("#order-total")).hasText("$35.99");
        page.check("#method-stripe");
        screenshot("order");
        page.click("#pay");
        page.waitForURL("**/c/pay/**");
        page.click("#pay");
        page.waitForURL("**/return.html**");
        assertThat(page.locator("#status")).containsText("Paid");

        open("/order.html?currency=USD", "traveller");
        assertThat(page.locator("#orders")).containsText("Tourist visa fee + eSIM 10 GB add-on");
        assertThat(page.locator("#orders")).containsText("PAID");
        assertThat(page.locator("#orders")).containsText("CONFIRMED");
    }

    @Test
    void adminReplaysAFailedWebhookAndSeesTheChartChange() {
        StripeEmulator stripe = app.stripe();
        JsonNode payment;
        stripe.webhooks().knobs().drop(true);
        try {
            payment = app.payByCardWithoutBrowser("lost-webhook", "starter", "USD");
        } finally {
            stripe.webhooks().knobs().drop(false);
        }
        String sessionId = payment.path("provider_ref").asText();
        StripeEmulator.SentEvent completed = stripe.events().stream()
                .filter(e -> e.type().equals("checkout.session.completed") && e.body().contains(sessionId))
                .findFirst().orElseThrow();
        long inboxId = app.storeExhaustedEvent("stripe", completed.id(), completed.type(), completed.body(),
                "DatabaseException: connection refused (gave up after 10 attempts)");

        open("/admin.html", "ops");
        assertThat(page.locator("tr[data-event='" + inboxId + "']")).containsText("checkout.session.completed");
        page.waitForFunction("() => window.Chart && Chart.getChart('chart-funnel')");
        int paidBefore = paidInFunnelChart();
        screenshot("admin");

        page.click("button[data-replay='" + inboxId + "']");

        assertThat(page.locator("#message")).containsText("now PROCESSED");
        assertThat(page.locator("tr[data-event='" + inboxId + "']")).hasCount(0);
        page.waitForFunction("before => Chart.getChart('chart-funnel').data.datasets[0].data[1] > before", paidBefore);
        assertThat(paidInFunnelChart()).isEqualTo(paidBefore + 1);
        assertThat(app.balance("lost-webhook")).isEqualTo(10);
    }

    @Test
    void pricingPageFitsAPhoneScreen() {
        page.setViewportSize(390, 844);
        open("/pricing.html?currency=INR", "phone-user");
        assertThat(page.locator("a[data-package=starter]")).isVisible();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as("no horizontal scrolling on a phone").isEqualTo(false);
        screenshot("pricing-phone");
        page.setViewportSize(1100, 800);
        open("/pricing.html?currency=USD", "phone-user");
        assertThat(page.locator("#packages")).containsText("$3.99");
        screenshot("pricing");
    }

    private int paidInFunnelChart() {
        return ((Number) page.evaluate("() => Chart.getChart('chart-funnel').data.datasets[0].data[1]")).intValue();
    }
}
