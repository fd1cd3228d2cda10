package org.tokendesk.registry;

import java.util.Optional;

/** What happens at the registry that a person watching it would want to know. */
public sealed interface RegistryEvent {
    record Online(Registrant registrant) implements RegistryEvent {
    }

    record PortAnswered(Registrant registrant, int port) implements RegistryEvent {
    }

    /** A registrant answered its port question with something that is not a port, or not at all; it is not handed out. */
    record NoValidPort(Registrant registrant) implements RegistryEvent {
    }

    record Offline(Registrant registrant, Why why, int code) implements RegistryEvent {
    }

    /** An upgrade turned away; {@code maskedToken} when one was given. */
    record Refused(Optional<String> maskedToken, String address, Refusal refusal) implements RegistryEvent {
    }

    record ReachChecked(Registrant registrant, Reach reach) implements RegistryEvent {
    }

    enum Why { CLOSED_BY_CLIENT, NO_PONG, DISCONNECTED, STOPPING, ERROR }

    enum Refusal { NO_TOKEN, NOT_ALLOWED, NOT_IO, TOO_MANY, TOO_FAST }

    interface Listener {
        void on(RegistryEvent event);
    }
}
