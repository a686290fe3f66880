package dev.payledger.razorpay;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.payledger.core.payment.RenderQrCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/** Renders QR codes as PNG data URLs with ZXing (error correction M, a quiet zone of 2 modules). Thread-safe. */
public final class ZxingQrCodes implements RenderQrCode {
    private static final int MAX_CONTENT = 1000;
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
        if (content == null || content.isEmpty() || content.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("QR content must be 1 to " + MAX_CONTENT + " characters");
        }
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, sizePixels, sizePixels,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 2,
                            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode that text as a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
