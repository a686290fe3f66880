package dev.payledger.app.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, headless and offline: Playwright's own browser download is skipped
 * ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}) and {@code /usr/bin/chromium} is launched instead. Not thread-safe.
 */
final class Chromium implements AutoCloseable {
    static final Path EXECUTABLE = Path.of(System.getProperty("payledger.chromium", "/usr/bin/chromium"));
    static final String HOW_TO_ENABLE = "Browser tests skipped: no Chromium at " + EXECUTABLE
            + ". Enable them with `apt-get update && apt-get install -y chromium` (or -Dpayledger.chromium=<path>).";

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    static Chromium launch() {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run")));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
