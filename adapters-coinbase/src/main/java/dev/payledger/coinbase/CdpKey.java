package dev.payledger.coinbase;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A CDP API key secret read into a JDK signing key: an EC P-256 PEM (SEC1 {@code EC PRIVATE KEY} as Coinbase
 * hands them out, or PKCS#8 {@code PRIVATE KEY}) signs {@code ES256} with JOSE R‖S signatures; base64 of
 * 64 bytes (Ed25519 seed ‖ public key) signs {@code EdDSA}. Only the JDK's providers are used. Immutable and
 * thread-safe. Error messages never include the secret.
 */
final class CdpKey {
    private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** AlgorithmIdentifier { id-ecPublicKey, prime256v1 }. */
    private static final byte[] EC_P256_ALGORITHM = HexFormat.of().parseHex(
            "301306072a8648ce3d020106082a8648ce3d030107");

    private final String algorithm;
    private final PrivateKey key;

    private CdpKey(String algorithm, PrivateKey key) {
        this.algorithm = algorithm;
        this.key = key;
    }

    /** Reads a secret as the CDP portal gives it (a JSON-escaped PEM with literal {@code \n} is accepted too). */
    static CdpKey parse(String secret) {
        String text = secret.trim().replace("\\n", "\n");
        try {
            if (text.contains("-----BEGIN")) {
                return new CdpKey("ES256", ecKey(text));
            }
            byte[] raw = Base64.getDecoder().decode(text);
            if (raw.length != 64) {
                throw new IllegalArgumentException("The Coinbase API secret is neither an EC PEM nor a base64 "
                        + "64-byte Ed25519 key (it decodes to " + raw.length + " bytes)");
            }
            return new CdpKey("EdDSA", ed25519Key(raw));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("The Coinbase")) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("The Coinbase API secret cannot be read as an EC P-256 PEM or a base64 "
                    + "Ed25519 key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code ES256} or {@code EdDSA}. */
    String algorithm() {
        return algorithm;
    }

    byte[] sign(byte[] signingInput) {
        try {
            Signature signature = Signature.getInstance("ES256".equals(algorithm) ? "SHA256withECDSAinP1363Format" : "Ed25519");
            signature.initSign(key);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a Coinbase request JWT with " + algorithm, e);
        }
    }

    private static PrivateKey ed25519Key(byte[] raw) throws GeneralSecurityException {
        byte[] seed = Arrays.copyOfRange(raw, 0, 32);
        PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8_PREFIX, seed)));
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(concat(ED25519_X509_PREFIX, Arrays.copyOfRange(raw, 32, 64))));
        byte[] probe = "payledger-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(probe);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signer.sign())) {
            throw new IllegalArgumentException("The Coinbase API secret is damaged: its Ed25519 seed and public key "
                    + "do not belong together");
        }
        return privateKey;
    }

    private static PrivateKey ecKey(String pem) throws GeneralSecurityException {
        boolean sec1 = pem.contains("BEGIN EC PRIVATE KEY");
        String body = pem.replaceAll("-----(BEGIN|END)[A-Z ]*-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        byte[] pkcs8 = sec1 ? wrapSec1(der) : der;
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** PKCS#8 PrivateKeyInfo { version 0, AlgorithmIdentifier(EC, P-256), OCTET STRING { SEC1 key } }. */
    private static byte[] wrapSec1(byte[] sec1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(EC_P256_ALGORITHM);
        content.writeBytes(tagged(0x04, sec1));
        return tagged(0x30, content.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
