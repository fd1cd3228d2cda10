package org.tokendesk.secrets;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the OS keeps secrets for the user: Secret Service on Linux, Keychain on macOS, Credential
 * Manager on Windows. Entries are named by a reference that says nothing about the secret, so
 * {@code tokens.json} can hold the reference in its place. Every call may block on the OS: call
 * off the JavaFX thread.
 */
public interface Keyring extends AutoCloseable {
    /** For the settings window, e.g. "GNOME Keyring (Secret Service)". */
    String name();

    /** The secret stored under {@code ref}, or empty when there is none. */
    Optional<String> read(String ref) throws IOException;

    /** Stores or replaces the secret under {@code ref}. */
    void write(String ref, String secret) throws IOException;

    /** Removes the entry; one that is already gone is fine. */
    void delete(String ref) throws IOException;

    @Override
    void close();
}
