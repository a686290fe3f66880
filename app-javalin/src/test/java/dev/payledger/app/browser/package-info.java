/**
 * End-to-end tests of the pages in headless Chromium (Playwright for Java driving {@code /usr/bin/chromium}, no
 * browser download) against the service running in sandbox mode; skipped, with how to enable them, without Chromium.
 */
package dev.payledger.app.browser;
