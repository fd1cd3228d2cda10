package org.tokendesk.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.probe.Attempt;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.probe.ProbeOutcome;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.probe.TokenCheck;
import org.tokendesk.registration.Drop;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.token.Token;

class ObservedTest {
    private static final Token TOKEN = Token.of("insecure_aaaaaaaa-aaaa-4bbb-8ccc-000000000007");
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    private static Event probed(ProbeOutcome outcome) {
        ProbeReport report = new ProbeReport("127.0.0.1", 8788, Optional.of(Duration.ofMillis(1)),
                new ProbeReport.ServerName("insecure", ProbeReport.ServerName.Source.TOKEN), ProbeConfig.TrustSource.WECHATY_ROOT_CA,
                List.of(), outcome, Duration.ofMillis(9));
        return Observed.probe(TOKEN, Registry.CHATIE, report, AT).event();
    }

    @Test
    void eachLookupBecomesItsStateWithWhatItSaid() {
        assertEquals(StateKind.UNREACHABLE,
                Observed.lookup(TOKEN, Registry.CHATIE, new Lookup.Unreachable("198.51.100.4", 8788, Duration.ZERO), AT).event().kind());
        Event failed = Observed.lookup(TOKEN, Registry.CHATIE, new Lookup.Failed(Lookup.Failure.TIMEOUT, "read timed out", Duration.ofSeconds(5)), AT)
                .event();
        assertEquals(StateKind.LOOKUP_FAILED, failed.kind());
        assertEquals("TIMEOUT", failed.detail());
        assertEquals(Optional.of(Duration.ofSeconds(5)), failed.latency());
    }

    @Test
    void probesAreServingNotServingOrNoService() {
        assertEquals(StateKind.SERVING, probed(new ProbeOutcome.Serving()).kind());
        assertEquals(StateKind.NOT_SERVING, probed(new ProbeOutcome.NotServing()).kind());
        assertEquals(StateKind.NOT_SERVING, probed(new ProbeOutcome.Unknown("SERVICE_UNKNOWN")).kind());
        Event closed = probed(new ProbeOutcome.PortClosed());
        assertEquals(StateKind.PROBE_FAILED, closed.kind());
        assertEquals("PortClosed 127.0.0.1:8788", closed.detail());
        assertEquals(Optional.of(Duration.ofMillis(9)), closed.latency());
    }

    @Test
    void aServingServiceThatRejectsTheTokenIsRecordedAsRejected() {
        Attempt rejected = new Attempt(Attempt.Transport.TLS, Set.of(), Optional.empty(), new ProbeOutcome.Serving(), Duration.ofMillis(3),
                Optional.of(new TokenCheck.Rejected("Invalid Wechaty TOKEN")));
        ProbeReport report = new ProbeReport("127.0.0.1", 8788, Optional.of(Duration.ofMillis(1)),
                new ProbeReport.ServerName("insecure", ProbeReport.ServerName.Source.TOKEN), ProbeConfig.TrustSource.WECHATY_ROOT_CA,
                List.of(rejected), new ProbeOutcome.Serving(), Duration.ofMillis(9));
        Event event = Observed.probe(TOKEN, Registry.CHATIE, report, AT).event();
        assertEquals(StateKind.REJECTED, event.kind());
        assertEquals("UNAUTHENTICATED 127.0.0.1:8788", event.detail());

        Attempt accepted = new Attempt(Attempt.Transport.TLS, Set.of(), Optional.empty(), new ProbeOutcome.Serving(), Duration.ofMillis(3),
                Optional.of(new TokenCheck.Accepted("1.19.9")));
        ProbeReport fine = new ProbeReport("127.0.0.1", 8788, Optional.of(Duration.ofMillis(1)),
                new ProbeReport.ServerName("insecure", ProbeReport.ServerName.Source.TOKEN), ProbeConfig.TrustSource.WECHATY_ROOT_CA,
                List.of(accepted), new ProbeOutcome.Serving(), Duration.ofMillis(9));
        assertEquals(StateKind.SERVING, Observed.probe(TOKEN, Registry.CHATIE, fine, AT).event().kind());
    }

    @Test
    void aServiceThatCannotTellYetCountsByItsTokenAnswer() {
        // The real wechaty-puppet-service answers SERVICE_UNKNOWN until a bot starts its puppet.
        ProbeOutcome unknown = new ProbeOutcome.Unknown("SERVICE_UNKNOWN");
        Event accepted = Observed.probe(TOKEN, Registry.CHATIE, unknownWith(new TokenCheck.Accepted("1.19.4")), AT).event();
        assertEquals(StateKind.SERVING, accepted.kind());
        assertEquals("Unknown 127.0.0.1:8788", accepted.detail(), "the hover still says it could not tell");
        assertEquals(StateKind.REJECTED, Observed.probe(TOKEN, Registry.CHATIE, unknownWith(new TokenCheck.Rejected("Invalid Wechaty TOKEN")), AT).event().kind());
        assertEquals(StateKind.NOT_SERVING, probed(unknown).kind(), "without a token answer it is a drop while it lasts");
    }

    private static ProbeReport unknownWith(TokenCheck check) {
        ProbeOutcome unknown = new ProbeOutcome.Unknown("SERVICE_UNKNOWN");
        Attempt attempt = new Attempt(Attempt.Transport.TLS, Set.of(), Optional.empty(), unknown, Duration.ofMillis(3), Optional.of(check));
        return new ProbeReport("127.0.0.1", 8788, Optional.of(Duration.ofMillis(1)),
                new ProbeReport.ServerName("insecure", ProbeReport.ServerName.Source.TOKEN), ProbeConfig.TrustSource.WECHATY_ROOT_CA,
                List.of(attempt), unknown, Duration.ofMillis(9));
    }

    @Test
    void keepOnlineStatesKeepTheirReason() {
        Event retrying = Observed.registration(TOKEN, Registry.CHATIE,
                new RegistrationState.Retrying(AT, 3, new Drop(Drop.Cause.CLOSED, "1006")), AT).event();
        assertEquals(StateKind.RETRYING, retrying.kind());
        assertEquals("CLOSED", retrying.detail());
        assertEquals("403", Observed.registration(TOKEN, Registry.CHATIE, new RegistrationState.Rejected(403), AT).event().detail());
        assertEquals(StateKind.OFF, Observed.kindOf(new RegistrationState.Off()));
        assertEquals(StateKind.STOPPED, Observed.kindOf(new RegistrationState.Stopped("bye")));
        assertEquals(StateKind.Health.IDLE, Observed.kindOf(new RegistrationState.Connecting(0)).health());
    }
}
