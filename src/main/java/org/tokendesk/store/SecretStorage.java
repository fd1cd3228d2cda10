package org.tokendesk.store;

/** Where the token list keeps the secrets themselves, for the settings window. */
public sealed interface SecretStorage {
    /** In the OS keyring; {@code tokens.json} holds references and the non-secret fields. */
    record InKeyring(String keyring) implements SecretStorage {
    }

    /** In {@code tokens.json} (owner-only), and why. */
    record InFile(Why why, String detail) implements SecretStorage {
    }

    enum Why {
        /** The user moved them there. */
        CHOSEN,
        /** This system has no working keyring ({@code detail} says what failed). */
        NO_KEYRING,
        /** {@code TOKENDESK_KEYRING=off}. */
        KEYRING_OFF,
        /** The keyring refused a write during a save; the tokens it did not take were kept in the file. */
        KEYRING_FAILED
    }
}
