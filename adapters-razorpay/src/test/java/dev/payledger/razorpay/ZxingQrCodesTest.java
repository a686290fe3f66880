package dev.payledger.razorpay;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ZxingQrCodesTest {

    @Test
    void rendersAPngDataUrlThatDecodesBackToTheUpiIntent() throws Exception {
        String intent = "upi://pay?pa=merchant@okaxis&pn=Acme%20Store&am=149.50&cu=INR&tn=Order%2042&tr=ORD-42";

        String dataUrl = new ZxingQrCodes().pngDataUrl(intent);

        assertThat(dataUrl).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(dataUrl.substring("data:image/png;base64,".length()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(320);
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
        assertThat(decoded).isEqualTo(intent);
    }

    @Test
    void thePngBytesAreTheImageOfTheDataUrl() {
        String intent = "upi://pay?pa=merchant@okaxis&pn=Acme&am=1.00&cu=INR&tr=order_X";
        ZxingQrCodes qrCodes = new ZxingQrCodes();

        byte[] png = qrCodes.png(intent);

        assertThat(Base64.getEncoder().encodeToString(png)).isEqualTo(qrCodes.pngDataUrl(intent)
                .substring("data:image/png;base64,".length()));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void theImageIsBlackOnWhiteWithAQuietZone() throws Exception {
        String dataUrl = new ZxingQrCodes(128).pngDataUrl("upi://pay?pa=merchant@okaxis&pn=Acme&am=1.00&cu=INR&tr=X");

        byte[] png = Base64.getDecoder().decode(dataUrl.substring("data:image/png;base64,".length()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(128);
        assertThat(image.getHeight()).isEqualTo(128);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours).containsExactlyInAnyOrder(0x000000, 0xffffff);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        assertThat(image.getRGB(127, 127) & 0xffffff).isEqualTo(0xffffff);
        assertThat(png.length).isLessThan(1_000);
    }
}
