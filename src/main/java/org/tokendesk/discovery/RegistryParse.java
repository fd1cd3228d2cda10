package org.tokendesk.discovery;

/** The outcome of reading a registry address a user typed. */
public sealed interface RegistryParse {
    record Valid(Registry registry) implements RegistryParse {
    }

    /** {@code input} is what the user typed (registry addresses are not secret). */
    record Invalid(Reason reason, String input) implements RegistryParse {
    }

    enum Reason {
        EMPTY, WHITESPACE_INSIDE, SCHEME, MALFORMED, NO_HOST, USER_INFO, QUERY, PORT
    }
}
