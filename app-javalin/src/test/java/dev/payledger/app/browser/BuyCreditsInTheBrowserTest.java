package dev.payledger.app.browser;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A newcomer buys credits through each of the four ways to pay and watches the wallet change without reloading. */
class BuyCreditsInTheBrowserTest extends BrowserTest {

    @Test
    void upiQrPaymentTurnsPaidLiveAndCreditsTheWallet() {
        open("/pricing.html?currency=INR", "upi-buyer");
        assertThat(page.locator("#packages")).containsText("₹199.00");
        assertThat(page.locator("#providers")).containsText("UPI QR");
        page.click("a[data-package=popular]");

        page.check("#method-upi");
        page.click("#pay");
        assertThat(page.locator("#status")).containsText("Waiting for your payment");
        assertThat(page.locator("img[alt^='UPI QR code']")).isVisible();
        assertThat(page.locator("img[alt^='UPI QR code']")).hasAttribute("src", java.util.regex.Pattern.compile("^blob:"));
        page.waitForFunction("() => { const qr = document.querySelector(\"img[alt^='UPI QR code']\");"
                + " return qr.complete && qr.naturalWidth === 320; }");
        assertThat(page.locator("#upi-link")).hasAttribute("href", java.util.regex.Pattern.compile("^upi://pay\\?pa="));
        assertThat(page.locator("#upi-expiry")).containsText("Valid until");
        assertThat(page.locator("#upi-left")).containsText("left");
        assertThat(page.locator("[data-testid=balance]")).hasText("0");
        markWindow();
        screenshot("checkout-upi-qr");

        Page phone = context.newPage();
        phone.navigate(page.locator("#sandbox-upi").getAttribute("href"));
        phone.click("#pay");
        assertThat(phone.locator("body")).containsText("Paid: payment");

        assertThat(page.locator("#status")).containsText("Paid");
        assertThat(page.locator("[data-testid=balance]")).hasText("50");
        assertThat(windowStillMarked()).as("the page was not reloaded").isTrue();
    }

    @Test
    void razorpayCheckoutFailedAttemptThenPaymentIsVerifiedAndCredited() {
        open("/checkout.html?package=starter&currency=INR", "razorpay-buyer");
        page.check("#method-razorpay");
        markWindow();
        page.click("#pay");
        FrameLocator modal = page.frameLocator("iframe[title='Razorpay Checkout (sandbox)']");
        assertThat(modal.locator("#order")).containsText("order_");
        screenshot("checkout-razorpay", false);
        modal.locator("#fail").click();
        assertThat(page.locator("#status")).containsText("Payment failed");
        assertThat(page.locator("[data-testid=balance]")).hasText("0");

        modal.locator("#pay").click();

        assertThat(page.locator("#status")).containsText("Paid");
        assertThat(page.locator("[data-testid=balance]")).hasText("10");
        assertThat(windowStillMarked()).isTrue();
    }

    @Test
    void dismissingRazorpayCheckoutChargesNothing() {
        open("/checkout.html?package=pro&currency=INR", "razorpay-dismisser");
        page.check("#method-razorpay");
        page.click("#pay");
        assertThat(page.locator("#pay")).isDisabled();
        page.frameLocator("iframe[title='Razorpay Checkout (sandbox)']").locator("#dismiss").click();

        assertThat(page.locator("#status")).containsText("Payment cancelled");
        assertThat(page.locator("#status")).containsText("Nothing was charged");
        assertThat(page.locator("#pay")).hasText("Try again");
        assertThat(page.locator("#pay")).isEnabled();
        assertThat(page.locator("[data-testid=balance]")).hasText("0");
        String paymentId = (String) page.evaluate("() => JSON.parse(sessionStorage.getItem('payledger.pending')).id");
        assertThat(app.payment("razorpay-dismisser", paymentId).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(app.balance("razorpay-dismisser")).isZero();
    }

    @Test
    void declinedCardThenSuccessfulRetryThroughStripe() {
        open("/checkout.html?package=pro&currency=USD", "card-buyer");
        page.check("#method-stripe");
        page.click("#pay");
        page.waitForURL("**/c/pay/**");
        page.click("#decline");
        assertThat(page.locator("#error")).containsText("declined");
        page.click("#cancel");

        page.waitForURL("**/return.html**");
        assertThat(page.locator("#status")).containsText("Payment cancelled");
        assertThat(page.locator("#status")).containsText("Nothing was charged");
        assertThat(page.locator("[data-testid=balance]")).hasText("0");
        page.click("#retry");

        page.waitForURL("**/c/pay/**");
        page.click("#pay");
        page.waitForURL("**/return.html**");
        assertThat(page.locator("#status")).containsText("Paid");
        assertThat(page.locator("[data-testid=balance]")).hasText("100");
        screenshot("return-paid");
    }

    @Test
    void providerOutageShowsAFriendlyMessageAndTheRetryGoesThrough() {
        open("/checkout.html?package=starter&currency=USD", "outage-buyer");
        page.check("#method-stripe");
        app.stripe().faults().failAlways(500);
        try {
            page.click("#pay");
            assertThat(page.locator("#status")).containsText("The payment provider did not answer. Nothing was charged");
            assertThat(page.locator("#pay")).hasText("Try again");
            assertThat(page.locator("#pay")).isEnabled();
        } finally {
            app.stripe().faults().reset();
        }
        page.click("#pay");
        page.waitForURL("**/c/pay/**");
        page.click("#pay");
        page.waitForURL("**/return.html**");
        assertThat(page.locator("#status")).containsText("Paid");
        assertThat(page.locator("[data-testid=balance]")).hasText("10");
    }

    @Test
    void cryptoPaymentThroughCoinbaseComesBackPaid() {
        open("/checkout.html?package=starter&currency=USD", "crypto-buyer");
        page.check("#method-coinbase");
        page.click("#pay");
        page.waitForURL(url -> url.contains("/pay/") && !url.contains("return.html"));
        page.click("#pay");

        page.waitForURL("**/return.html**");
        assertThat(page.locator("#status")).containsText("Paid");
        assertThat(page.locator("[data-testid=balance]")).hasText("10");
    }
}
