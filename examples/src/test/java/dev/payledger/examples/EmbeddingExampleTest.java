package dev.payledger.examples;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.payledger.core.PayLedger;
import dev.payledger.core.Persistence;
import dev.payledger.core.catalog.Catalog;
import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PurchaseTarget;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.StartCheckout;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.jdbc.DataSources;
import dev.payledger.jdbc.EmbeddedDatabase;
import dev.payledger.jdbc.JdbcPersistence;
import dev.payledger.jdbc.Migrations;
import dev.payledger.razorpay.Razorpay;
import dev.payledger.razorpay.RazorpayConfig;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code of docs/embedding.md, run for real: PayLedger on PostgreSQL with Razorpay (its sandbox emulator
 * stands in for api.razorpay.com), a purchase, the webhook, the wallet. The snippets in the guide are copied
 * from between the {@code // [name]} markers below.
 */
class EmbeddingExampleTest {
    @TempDir
    Path dataDirectory;

    private RazorpayEmulator razorpayEmulator;
    private HttpServer webhookEndpoint;
    private HikariDataSource dataSource;
    private EmbeddedDatabase database;

    @AfterEach
    void stop() {
        if (webhookEndpoint != null) {
            webhookEndpoint.stop(0);
        }
        if (razorpayEmulator != null) {
            razorpayEmulator.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        if (database != null) {
            database.close(); // before JUnit deletes the data directory: pg_ctl cannot stop a server without it
        }
    }

    @Test
    void anEmbedderSellsCreditsThroughRazorpayOnPostgreSQL() throws Exception {
        database = EmbeddedDatabase.start(dataDirectory, false);
        razorpayEmulator = RazorpayEmulator.start(0);

        // [build]
        // Your application's pooled DataSource (here: the embedded PostgreSQL; in production a HikariCP pool on
        // your server, e.g. DataSources.external(url, user, password)).
        dataSource = DataSources.embedded(database);
        Migrations.apply(dataSource);                          // Flyway: creates or upgrades the schema
        Persistence persistence = JdbcPersistence.create(dataSource);

        RazorpayConfig razorpay = RazorpayConfig.of(RazorpayEmulator.KEY_ID, RazorpayEmulator.KEY_SECRET,
                        RazorpayEmulator.WEBHOOK_SECRET)
                .withBaseUrl(razorpayEmulator.baseUri())      // omit in production: api.razorpay.com
                .withPayee("payledger@okaxis", "PayLedger Demo"); // offer UPI QR payments

        PayLedger payLedger = PayLedger.builder()
                .persistence(persistence)
                .catalog(Catalog.defaultCatalog())             // or CatalogFile.read(reader), or Catalog.builder()
                .provider(Razorpay.provider(razorpay))
                .qrCodes(Razorpay.qrCodes())
                .build();
        // [build]

        // [webhook]
        // Your HTTP framework's webhook route: hand PayLedger the raw bytes and headers, answer by the result.
        webhookEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhookEndpoint.createContext("/webhooks/razorpay", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            byte[] body = exchange.getRequestBody().readNBytes(256 * 1024);
            ReceiveWebhook.Result result = payLedger.receiveWebhook()
                    .receive("razorpay", new WebhookRequest(headers, body, Instant.now()));
            int status = result instanceof ReceiveWebhook.Rejected ? 400 : 200;   // stored = 200, even if processing waits
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhookEndpoint.start();
        // [webhook]
        razorpayEmulator.webhookTarget(URI.create("http://127.0.0.1:" + webhookEndpoint.getAddress().getPort()
                + "/webhooks/razorpay"));

        // [checkout]
        UserId user = UserId.of("user-42");                    // your user's id
        StartCheckout.Result result = payLedger.startCheckout().start(new StartCheckout.Command(
                user, PurchaseTarget.creditPackage("popular", Money.currency("INR")), "razorpay"));
        if (result instanceof StartCheckout.Started started) {
            Payment payment = started.payment();
            Map<String, String> forThePage = payment.checkout(); // key_id, order_id, amount, upi_intent, qr_png…
            assertThat(forThePage).containsKeys("key_id", "order_id", "upi_intent", "qr_png");
        } else if (result instanceof StartCheckout.Refused refused) {
            throw new IllegalStateException(refused.reason() + ": " + refused.message());
        }
        // [checkout]
        Payment payment = ((StartCheckout.Started) result).payment();

        razorpayEmulator.pay(payment.providerRef().orElseThrow()); // the payer pays; Razorpay sends its webhooks

        // [wallet]
        Wallet wallet = payLedger.readWallet().wallet(user);   // balance, earned, spent
        // [wallet]
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (wallet.balance() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            wallet = payLedger.readWallet().wallet(user);
        }
        assertThat(wallet.balance()).isEqualTo(50);
        assertThat(payLedger.verifyLedger().verify().isClean()).isTrue();
    }
}
