package dev.payledger.app.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Base of the browser tests: one sandbox service and one headless Chromium for the whole run (shared by every
 * test class, closed at the end), a fresh browser context (cookies, sessionStorage) per test. Without Chromium
 * the tests are skipped with a line saying how to enable them.
 */
@ExtendWith(BrowserTest.Shared.class)
abstract class BrowserTest {
    static SandboxApp app;
    static Browser browser;

    BrowserContext context;
    Page page;

    @BeforeEach
    void openContext() {
        Assumptions.assumeTrue(Chromium.installed(), Chromium.HOW_TO_ENABLE);
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1100, 800).setLocale("en-US"));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    /** Opens a page of the service as {@code user} (the pages log in through the sandbox login). */
    Page open(String path, String user) {
        page.navigate(app.url(path) + (path.contains("?") ? "&" : "?") + "user=" + user);
        return page;
    }

    /** Marks the window so a test can tell the page was not reloaded. */
    void markWindow() {
        page.evaluate("() => { window.__notReloaded = true; }");
    }

    boolean windowStillMarked() {
        return Boolean.TRUE.equals(page.evaluate("() => window.__notReloaded === true"));
    }

    /** Saves a screenshot in target/screenshots, and in docs/images when -Dpayledger.screenshots=docs. */
    void screenshot(String name) {
        screenshot(name, true);
    }

    void screenshot(String name, boolean fullPage) {
        Path dir = Path.of("target", "screenshots");
        if ("docs".equals(System.getProperty("payledger.screenshots"))) {
            dir = Path.of("..", "docs", "images");
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(fullPage));
    }

    /** Starts the service and Chromium once; JUnit closes them after the last test class. */
    static final class Shared implements BeforeAllCallback, AutoCloseable {
        private Path dataDir;
        private SandboxApp sharedApp;
        private Chromium chromium;

        @Override
        public void beforeAll(ExtensionContext context) {
            if (!Chromium.installed()) {
                return; // each test then reports itself skipped, with how to enable it
            }
            PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
            Shared shared = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Shared.class, key -> start(), Shared.class);
            app = shared.sharedApp;
            browser = shared.chromium.browser();
        }

        private static Shared start() {
            Shared shared = new Shared();
            try {
                long began = System.nanoTime();
                shared.dataDir = Files.createTempDirectory("payledger-browser");
                shared.sharedApp = SandboxApp.start(shared.dataDir);
                long appStarted = System.nanoTime();
                shared.chromium = Chromium.launch();
                System.out.printf("browser tests: service up in %d ms, Playwright + Chromium in %d ms%n",
                        (appStarted - began) / 1_000_000, (System.nanoTime() - appStarted) / 1_000_000);
                return shared;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                shared.close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (chromium != null) {
                chromium.close();
            }
            if (sharedApp != null) {
                sharedApp.close();
            }
            if (dataDir != null) {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    // a leftover temp directory is harmless
                }
            }
        }
    }
}
