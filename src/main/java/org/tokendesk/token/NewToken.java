package org.tokendesk.token;

import java.util.UUID;

/**
 * Makes a token as {@code wechaty-token generate --type <sni>} does: {@code <sni>_<uuid v4>}.
 * The UUID comes from {@link UUID#randomUUID()}, a version 4 UUID from a SecureRandom.
 */
public final class NewToken {
    private NewToken() {
    }

    public static Token generate(Sni sni) {
        return Token.of(sni.value() + "_" + UUID.randomUUID());
    }
}
