package dev.payledger.razorpay;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import dev.payledger.core.payment.RenderQrCode;

import java.util.Base64;
import java.util.Map;

/**
 * Renders QR codes as black-and-white PNGs, as bytes or data URLs: ZXing encodes (error correction M, a quiet
 * zone of 2 modules), {@link Png} writes the image without AWT or ImageIO. Thread-safe.
 */
public final class ZxingQrCodes implements RenderQrCode {
    private static final int MAX_CONTENT = 1000;
    private static final int QUIET_ZONE = 2;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.CHARACTER_SET, "UTF-8");
    private final int sizePixels;

    public ZxingQrCodes() {
        this(320);
    }

    public ZxingQrCodes(int sizePixels) {
        if (sizePixels < 64 || sizePixels > 2048) {
            throw new IllegalArgumentException("QR code size must be between 64 and 2048 pixels");
        }
        this.sizePixels = sizePixels;
    }

    @Override
    public String pngDataUrl(String content) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(content));
    }

    /** The PNG bytes of a QR code for {@code content} (1 to 1,000 characters), as an {@code image/png} answer. */
    public byte[] png(String content) {
        if (content == null || content.isEmpty() || content.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("QR content must be 1 to " + MAX_CONTENT + " characters");
        }
        try {
            QRCode code = Encoder.encode(content, ErrorCorrectionLevel.M, HINTS);
            return Png.qrCode(code.getMatrix(), QUIET_ZONE, sizePixels);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode that text as a QR code", e);
        }
    }
}
