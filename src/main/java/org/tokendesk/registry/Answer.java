package org.tokendesk.registry;

/** What a lookup of {@code /v0/hosties/<token>} hands out. */
public sealed interface Answer {
    /** {@code fresh}: the registrant answered within the lookup's bound; otherwise its last valid port stood in. */
    record Found(String host, int port, boolean fresh, Registrant registrant) implements Answer {
    }

    record NotFound(Why why) implements Answer {
    }

    enum Why { NOBODY_ONLINE, NOT_ALLOWED, NOT_A_TOKEN, NO_VALID_PORT }
}
