package dev.payledger.razorpay;

import com.google.zxing.qrcode.encoder.ByteMatrix;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a QR code's modules as a black-and-white PNG (1-bit greyscale, no filtering, one IDAT chunk), scaled
 * and centred as ZXing's {@code QRCodeWriter} would draw it. A QR code needs nothing more, and skipping AWT's
 * image and ImageIO's PNG writer saves milliseconds of CPU per checkout. Stateless.
 */
final class Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Png() {
    }

    /** {@code modules} (1 = dark) with {@code quietZone} light modules around, on a square of at least {@code size} px. */
    static byte[] qrCode(ByteMatrix modules, int quietZone, int size) {
        int inputWidth = modules.getWidth();
        int inputHeight = modules.getHeight();
        int width = Math.max(size, inputWidth + 2 * quietZone);
        int height = Math.max(size, inputHeight + 2 * quietZone);
        int multiple = Math.min(width / (inputWidth + 2 * quietZone), height / (inputHeight + 2 * quietZone));
        int left = (width - inputWidth * multiple) / 2;
        int top = (height - inputHeight * multiple) / 2;
        int rowBytes = (width + 7) / 8 + 1; // a filter byte (0: none), then 8 pixels a byte, 1 = white
        byte[] blank = new byte[rowBytes];
        Arrays.fill(blank, 1, rowBytes, (byte) 0xff);
        byte[] raw = new byte[rowBytes * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(blank, 0, raw, y * rowBytes, rowBytes);
        }
        for (int moduleY = 0; moduleY < inputHeight; moduleY++) {
            int first = (top + moduleY * multiple) * rowBytes;
            for (int moduleX = 0; moduleX < inputWidth; moduleX++) {
                if (modules.get(moduleX, moduleY) == 1) {
                    int from = left + moduleX * multiple;
                    for (int x = from; x < from + multiple; x++) {
                        raw[first + 1 + (x >> 3)] &= (byte) ~(0x80 >>> (x & 7));
                    }
                }
            }
            for (int repeat = 1; repeat < multiple; repeat++) {
                System.arraycopy(raw, first, raw, first + repeat * rowBytes, rowBytes);
            }
        }
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream(1024);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", deflate(raw));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 8 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
