package org.tokendesk.ui.model;

import java.time.Instant;

import org.tokendesk.probe.ProbeReport;

/** Where the liveness probe of a row's resolved address stands. */
public sealed interface RowProbe {
    /** Nothing to probe: the token does not resolve (yet). */
    record None() implements RowProbe {
    }

    record Probing() implements RowProbe {
    }

    record Probed(ProbeReport report, Instant at) implements RowProbe {
    }

    RowProbe NONE = new None();
    RowProbe PROBING = new Probing();
}
