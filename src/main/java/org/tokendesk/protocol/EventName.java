package org.tokendesk.protocol;

import java.util.Optional;

/**
 * The events of the registry's WebSocket. {@code botie} carries code to run and {@code shutdown},
 * {@code logout}, {@code reset} come from anyone holding the token: all are untrusted.
 */
public enum EventName {
    SYS("sys"),
    JSONRPC("jsonrpc"),
    HOSTIE("hostie"),
    SHUTDOWN("shutdown"),
    BOTIE("botie"),
    UPDATE("update"),
    RESET("reset"),
    LOGOUT("logout"),
    HEARTBEAT("heartbeat"),
    RAW("raw");

    /** The registry's greeting on connect ({@code sys} payload). */
    public static final String REGISTERED = "registered";
    /** The registry's answer to every frame the client sends ({@code sys} payload). */
    public static final String ROGER = "roger";

    private final String wire;

    EventName(String wire) {
        this.wire = wire;
    }

    /** The name as it appears in frames. */
    public String wire() {
        return wire;
    }

    /** Matched exactly, as the registry does. */
    public static Optional<EventName> of(String name) {
        for (EventName e : values()) {
            if (e.wire.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
