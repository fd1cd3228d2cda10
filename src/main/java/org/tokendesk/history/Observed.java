package org.tokendesk.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.probe.ProbeOutcome;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.probe.TokenCheck;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.token.Token;

/** An event on its way to the file: still knows its token, which only the writer turns into an id. */
public record Observed(Token token, Event event) {

    public static Observed lookup(Token token, Registry registry, Lookup lookup, Instant at) {
        StateKind kind;
        String detail;
        if (lookup instanceof Lookup.Resolved r) {
            kind = StateKind.RESOLVED;
            detail = r.address();
        } else if (lookup instanceof Lookup.NotRegistered n) {
            kind = StateKind.NOT_REGISTERED;
            detail = Integer.toString(n.status());
        } else if (lookup instanceof Lookup.Unreachable u) {
            kind = StateKind.UNREACHABLE;
            detail = (u.publicIp() == null ? "" : u.publicIp()) + ":" + u.port();
        } else {
            kind = StateKind.LOOKUP_FAILED;
            detail = ((Lookup.Failed) lookup).failure().name();
        }
        return new Observed(token, new Event(at, name(registry), Source.CHECK, kind, detail, Optional.of(lookup.latency())));
    }

    public static Observed probe(Token token, Registry registry, ProbeReport report, Instant at) {
        ProbeOutcome outcome = report.outcome();
        StateKind kind = outcome instanceof ProbeOutcome.Serving ? StateKind.SERVING
                // SERVICE_UNKNOWN: the service runs but its puppet has not said yet; when it accepted
                // the token a bot would start (check --probe exits 0), otherwise a drop while it lasts.
                : report.startsABot() ? StateKind.SERVING
                : outcome instanceof ProbeOutcome.NotServing || outcome instanceof ProbeOutcome.Unknown ? StateKind.NOT_SERVING
                : StateKind.PROBE_FAILED;
        String detail = kind == StateKind.PROBE_FAILED || outcome instanceof ProbeOutcome.Unknown
                ? outcome.getClass().getSimpleName() + " " + report.address() : report.address();
        if ((kind == StateKind.SERVING || outcome instanceof ProbeOutcome.Unknown)
                && report.tokenCheck().map(t -> t instanceof TokenCheck.Rejected).orElse(false)) {
            // Serving others, not this token: for its bot that is down, however healthy the service.
            kind = StateKind.REJECTED;
            detail = "UNAUTHENTICATED " + report.address();
        }
        return new Observed(token, new Event(at, name(registry), Source.PROBE, kind, detail, Optional.of(report.took())));
    }

    public static Observed registration(Token token, Registry registry, RegistrationState state, Instant at) {
        String detail = "";
        if (state instanceof RegistrationState.Retrying r) {
            detail = r.lastError().cause().name();
        } else if (state instanceof RegistrationState.Rejected r) {
            detail = Integer.toString(r.status());
        } else if (state instanceof RegistrationState.Online o) {
            detail = o.reachableAs().orElse("");
        }
        return new Observed(token, new Event(at, name(registry), Source.KEEP_ONLINE, kindOf(state), detail, Optional.empty()));
    }

    public static StateKind kindOf(RegistrationState state) {
        if (state instanceof RegistrationState.Connecting) {
            return StateKind.CONNECTING;
        } else if (state instanceof RegistrationState.Online) {
            return StateKind.ONLINE;
        } else if (state instanceof RegistrationState.Retrying) {
            return StateKind.RETRYING;
        } else if (state instanceof RegistrationState.Rejected) {
            return StateKind.REJECTED;
        } else if (state instanceof RegistrationState.Stopped) {
            return StateKind.STOPPED;
        }
        return StateKind.OFF;
    }

    private static String name(Registry registry) {
        return registry == null ? "" : registry.baseUrl().toString();
    }
}
