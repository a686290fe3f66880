package dev.payledger.app;

import dev.payledger.app.http.ProviderCalls;
import dev.payledger.core.PayLedger;
import dev.payledger.core.batch.BatchedWebhooks;
import dev.payledger.core.catalog.Catalog;
import dev.payledger.core.catalog.CatalogFile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything behind the HTTP layer, wired from the configuration: the database, the emulators (sandbox mode)
 * and {@link PayLedger} with the real provider adapters. The only place, with {@link Application}, that wires.
 * {@link #close()} stops the emulators and the database. Thread-safe once built.
 */
public final class Backend implements AutoCloseable {
    /** How long a checkout stays payable at the provider (shown to pages as a payment's {@code expires_at}). */
    public static final java.time.Duration CHECKOUT_TTL = java.time.Duration.ofMinutes(30);

    private final Config config;
    private final Storage storage;
    private final Optional<Sandbox> sandbox;
    private final PayLedger payLedger;
    private final String baseUrl;
    private final BatchedWebhooks webhooks;
    private final ProviderCalls providerCalls;

    private Backend(Config config, Storage storage, Optional<Sandbox> sandbox, PayLedger payLedger, String baseUrl,
                    ProviderCalls providerCalls) {
        this.config = config;
        this.storage = storage;
        this.sandbox = sandbox;
        this.payLedger = payLedger;
        this.baseUrl = baseUrl;
        this.providerCalls = providerCalls;
        this.webhooks = BatchedWebhooks.start(payLedger);
    }

    /** Opens the database and, in sandbox mode, starts the emulators; {@code baseUrl} is where this service listens. */
    public static Backend start(Config config, String baseUrl) {
        return start(config, baseUrl, Storage.open(config.database()));
    }

    /** As {@link #start(Config, String)} on a storage opened by the caller (closed with this backend). */
    public static Backend start(Config config, String baseUrl, Storage storage) {
        Optional<Sandbox> sandbox = Optional.empty();
        try {
            Catalog catalog = catalog(config.catalogFile());
            sandbox = config.sandbox() ? Optional.of(Sandbox.start(config)) : Optional.empty();
            PayLedger.Builder builder = PayLedger.builder().persistence(storage.persistence()).catalog(catalog)
                    .inboxPolicy(config.inboxPolicy()).checkoutTtl(CHECKOUT_TTL);
            ProviderCalls providerCalls = new ProviderCalls();
            // no eager QR renderer: GET /api/payments/{id}/qr.png draws a UPI QR when a page asks for it
            ProviderWiring.providers(config, sandbox, baseUrl, providerCalls).forEach(builder::provider);
            return new Backend(config, storage, sandbox, builder.build(), baseUrl, providerCalls);
        } catch (RuntimeException | Error e) {
            sandbox.ifPresent(Sandbox::close);
            storage.close();
            throw e;
        }
    }

    private static Catalog catalog(Optional<Path> file) {
        if (file.isEmpty()) {
            return Catalog.defaultCatalog();
        }
        try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
            return CatalogFile.read(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("PAYLEDGER_CATALOG_FILE " + file.get() + " cannot be used: " + e.getMessage());
        }
    }

    public Config config() {
        return config;
    }

    public Storage storage() {
        return storage;
    }

    public Optional<Sandbox> sandbox() {
        return sandbox;
    }

    public PayLedger payLedger() {
        return payLedger;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The timing of every provider API call (bind it to the metrics). */
    public ProviderCalls providerCalls() {
        return providerCalls;
    }

    /** Receives webhooks with group commit: captured money is stored and settled many to a transaction. */
    public BatchedWebhooks webhooks() {
        return webhooks;
    }

    @Override
    public void close() {
        webhooks.close();
        sandbox.ifPresent(Sandbox::close);
        storage.close();
    }
}
