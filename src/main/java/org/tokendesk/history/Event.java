package org.tokendesk.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One recorded state of one token. {@code registry} is the registry's display URL; {@code detail}
 * is technical (host:port, an HTTP status, a failure kind) and never holds a token.
 */
public record Event(Instant at, String registry, Source source, StateKind kind, String detail, Optional<Duration> latency) {
    public Event {
        registry = registry == null ? "" : registry;
        detail = detail == null ? "" : detail;
        latency = latency == null ? Optional.empty() : latency;
    }
}
