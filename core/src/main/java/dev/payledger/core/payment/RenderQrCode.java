package dev.payledger.core.payment;

/** Renders text (a {@code upi://pay} intent) as a QR code image. Thread-safe. */
public interface RenderQrCode {
    /** A {@code data:image/png;base64,…} URL of a QR code for {@code content}. */
    String pngDataUrl(String content);
}
