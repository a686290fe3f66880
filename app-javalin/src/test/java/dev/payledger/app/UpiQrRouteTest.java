package dev.payledger.app;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static dev.payledger.app.CheckoutRoutesTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/payments/{id}/qr.png}: the payer's own UPI payment only, drawn from its stored intent. */
class UpiQrRouteTest {
    private final TestApp app = TestApp.shared();
    private final String user = TestApp.newUser();
    private final String token = TestApp.token(user);

    @Test
    void theQrCodeIsForItsPayerAndAdminsOnly() {
        String payment = checkout("{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}");
        String qr = "/api/payments/" + payment + "/qr.png";

        assertError(app.get(qr, null), 401, "missing_token");
        assertError(app.get(qr, TestApp.token(TestApp.newUser())), 403, "not_your_payment");
        assertThat(app.getBytes(qr, TestApp.adminToken()).statusCode()).isEqualTo(200);
        assertThat(app.getBytes(qr, token).statusCode()).isEqualTo(200);
    }

    @Test
    void aPaymentWithoutAUpiIntentHasNoQrCode() {
        String payment = checkout("{\"package_id\":\"starter\",\"currency\":\"USD\",\"provider\":\"stripe\"}");

        assertError(app.get("/api/payments/" + payment + "/qr.png", token), 404, "qr_code_not_found");
        assertThat(app.get("/api/payments/" + payment, token).json().path("checkout").has("qr_png_url")).isFalse();
        assertError(app.get("/api/payments/pay_missing/qr.png", token), 404, "payment_not_found");
    }

    /** The text of the QR code in a PNG, read with ZXing's reader. */
    static String decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        } catch (Exception e) {
            throw new AssertionError("Not a readable QR code PNG", e);
        }
    }

    private String checkout(String body) {
        TestApp.Reply started = app.post("/api/checkout", token, body);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return started.json().path("id").asText();
    }
}
