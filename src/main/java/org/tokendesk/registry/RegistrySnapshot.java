package org.tokendesk.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the registry holds at one moment, read-only and with every token masked: what a window
 * may show without reaching into the live connections.
 */
public record RegistrySnapshot(Instant started, long lookups, long found, boolean allowListActive, List<Row> rows) {
    public RegistrySnapshot {
        rows = List.copyOf(rows);
    }

    /**
     * One open registrant. {@code serial} names it for {@link RegistryCore#disconnect(long)}.
     *
     * @param port       the last valid gRPC port it answered
     * @param lastAnswer the last lookup answer that handed it out
     */
    public record Row(long serial, String maskedToken, Instant since, String from, String host, OptionalInt port,
                      long lookups, Optional<Served> lastAnswer, Reach reach) {
    }

    /** A lookup's answer: the address handed out, whether the registrant answered in time (else its last port stood in), and when. */
    public record Served(String host, int port, boolean fresh, Instant at) {
    }
}
