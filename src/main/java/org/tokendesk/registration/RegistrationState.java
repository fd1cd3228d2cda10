package org.tokendesk.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.tokendesk.net.Hosts;

/** Where one token's registration stands. */
public sealed interface RegistrationState {

    /** Not kept online. */
    record Off() implements RegistrationState {
    }

    /** Opening the WebSocket ({@code attempt} 0 is the first try, then the retry number). */
    record Connecting(int attempt) implements RegistrationState {
    }

    /**
     * Registered: the registry holds our connection and hands out our address.
     *
     * @param portQueriesAnswered lookups of the token the registry routed to us since {@code since}
     * @param reachableAs what the registry's {@code hostie} answer said it would hand out
     *     ({@code 127.0.0.1} from a remote registry: it cannot reach the service); empty until it said
     */
    record Online(Instant since, long portQueriesAnswered, Optional<String> reachableAs) implements RegistrationState {
        public Online answered() {
            return new Online(since, portQueriesAnswered + 1, reachableAs);
        }

        public Online reachableAs(String host) {
            return new Online(since, portQueriesAnswered, Optional.of(host));
        }

        /** The registry said it would hand out a loopback address (from a remote registry: it cannot reach us). */
        public boolean handsOutLoopback() {
            return reachableAs.filter(Hosts::isLoopback).isPresent();
        }
    }

    /** Waiting to reconnect at {@code at} after {@code lastError}; {@code attempt} counts retries in a row. */
    record Retrying(Instant at, int attempt, Drop lastError) implements RegistrationState {
        /** Whole seconds left, rounded up (0 once due). */
        public long secondsLeft(Instant now) {
            long millis = Duration.between(now, at).toMillis();
            return millis <= 0 ? 0 : (millis + 999) / 1000;
        }
    }

    /** The registry refused the token (HTTP 401/403 on upgrade). No retries until the user acts. */
    record Rejected(int status) implements RegistrationState {
    }

    /** The registry sent {@code shutdown}: this token's registration stopped, with the reason it gave. */
    record Stopped(String reason) implements RegistrationState {
    }
}
