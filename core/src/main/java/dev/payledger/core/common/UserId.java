package dev.payledger.core.common;

/** The id of a user as the host application knows it (a JWT {@code sub}). */
public record UserId(String value) {
    public UserId {
        value = Require.token(value, "user id", 128);
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
