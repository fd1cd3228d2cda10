package org.tokendesk.store;

/** What moving the secrets between the keyring and the file did. Either everything moved, or nothing changed. */
public sealed interface SecretMove {
    record Moved(SecretStorage now, int tokens) implements SecretMove {
    }

    record Refused(Reason reason, String detail) implements SecretMove {
    }

    enum Reason {
        /** There is no working keyring to move to. */
        NO_KEYRING,
        /** The keyring refused a write or a read; what was written is removed again. */
        KEYRING_FAILED,
        /** Some tokens are in a keyring that is not available now: moving would lose them. */
        TOKENS_UNREACHABLE
    }
}
