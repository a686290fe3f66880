package dev.payledger.app.http;

import dev.payledger.core.common.UserId;

/** Who is calling, from a verified bearer token: the user ({@code sub}) and whether {@code roles} holds admin. */
public record Caller(UserId user, boolean admin) {
}
