package org.tokendesk.secrets;

/** Whether this session has a working OS keyring, and if not, why. */
public sealed interface KeyringCheck {
    record Available(Keyring keyring) implements KeyringCheck {
    }

    /** None, or it did not work: no D-Bus session, no Secret Service, a locked keyring, a time-out. {@code why} is technical. */
    record Unavailable(String why) implements KeyringCheck {
    }

    /** The user or the installer turned it off ({@code TOKENDESK_KEYRING=off}). */
    record Off() implements KeyringCheck {
    }
}
