package dev.payledger.razorpay;

import dev.payledger.core.money.Money;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code upi://pay} deep link per the NPCI UPI Linking Specification: payee address ({@code pa}) and name
 * ({@code pn}), amount with two decimals ({@code am}, {@code cu=INR}), an optional note ({@code tn}) and the
 * transaction reference ({@code tr}, here the Razorpay order id). Values are percent-encoded with spaces as
 * {@code %20} and {@code @} left as it is. Immutable.
 *
 * @param note null for none
 */
public record UpiIntent(String payeeVpa, String payeeName, String transactionRef, Money amount, String note) {
    private static final Pattern VPA = Pattern.compile("[A-Za-z0-9._-]{2,256}@[A-Za-z0-9.-]{2,64}");

    public UpiIntent {
        if (payeeVpa == null || !VPA.matcher(payeeVpa).matches()) {
            throw new IllegalArgumentException("The payee VPA must look like name@handle: " + payeeVpa);
        }
        if (payeeName == null || payeeName.isBlank()) {
            throw new IllegalArgumentException("The payee name is required");
        }
        if (transactionRef == null || transactionRef.isBlank() || transactionRef.length() > 35) {
            throw new IllegalArgumentException("The transaction reference must be 1 to 35 characters");
        }
        Objects.requireNonNull(amount, "amount");
        if (!"INR".equals(amount.currencyCode()) || !amount.isPositive()) {
            throw new IllegalArgumentException("A UPI amount must be a positive INR amount: " + amount);
        }
    }

    /** Starts a builder for a payment to {@code vpa}, shown to the payer as {@code name}. */
    public static Builder to(String vpa, String name) {
        return new Builder(vpa, name);
    }

    /** {@code upi://pay?pa=…&pn=…&am=…&cu=INR[&tn=…]&tr=…}. */
    public String uri() {
        StringBuilder uri = new StringBuilder("upi://pay?pa=").append(encode(payeeVpa))
                .append("&pn=").append(encode(payeeName))
                .append("&am=").append(amount.toDecimalString())
                .append("&cu=INR");
        if (note != null && !note.isBlank()) {
            uri.append("&tn=").append(encode(note));
        }
        return uri.append("&tr=").append(encode(transactionRef)).toString();
    }

    @Override
    public String toString() {
        return uri();
    }

    /** Percent-encodes UTF-8 bytes except RFC 3986's unreserved characters and {@code @}. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Builds a {@link UpiIntent}; not thread-safe. */
    public static final class Builder {
        private final String vpa;
        private final String name;
        private String reference;
        private Money amount;
        private String note;

        private Builder(String vpa, String name) {
            this.vpa = vpa;
            this.name = name;
        }

        /** The transaction reference ({@code tr}): the Razorpay order id. */
        public Builder reference(String transactionRef) {
            this.reference = transactionRef;
            return this;
        }

        public Builder amount(Money inr) {
            this.amount = inr;
            return this;
        }

        /** The note the payer sees ({@code tn}); null for none. */
        public Builder note(String text) {
            this.note = text;
            return this;
        }

        public UpiIntent build() {
            return new UpiIntent(vpa, name, reference, amount, note);
        }
    }
}
