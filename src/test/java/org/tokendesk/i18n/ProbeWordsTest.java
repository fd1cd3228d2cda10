package org.tokendesk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.tokendesk.probe.Attempt;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.probe.ProbeOutcome;
import org.tokendesk.probe.ProbeReport;

/** Every probe outcome and check has words in English and Chinese. */
class ProbeWordsTest {
    @AfterEach
    void english() {
        Text.use(Locale.ENGLISH);
    }

    private static List<ProbeOutcome> everyOutcome() {
        List<ProbeOutcome> all = new ArrayList<>(List.of(
                new ProbeOutcome.Serving(), new ProbeOutcome.NotServing(), new ProbeOutcome.Unknown("SERVICE_UNKNOWN"),
                new ProbeOutcome.PortClosed(), new ProbeOutcome.Unreachable("DNS"),
                new ProbeOutcome.NameMismatch("puppet_x", List.of("insecure")),
                new ProbeOutcome.GrpcError(12, ""), new ProbeOutcome.GrpcError(14, "down"),
                new ProbeOutcome.TlsFailed("alert"), new ProbeOutcome.Failed("reset")));
        for (ProbeOutcome.Stage s : ProbeOutcome.Stage.values()) {
            all.add(new ProbeOutcome.TimedOut(s));
        }
        for (ProbeOutcome.UntrustedCertificate.Why w : ProbeOutcome.UntrustedCertificate.Why.values()) {
            all.add(new ProbeOutcome.UntrustedCertificate(w, "CN=insecure", "CN=other"));
        }
        for (ProbeOutcome.NotGrpc.Why w : ProbeOutcome.NotGrpc.Why.values()) {
            all.add(new ProbeOutcome.NotGrpc(w, "detail"));
        }
        return all;
    }

    private static ProbeReport report(ProbeOutcome outcome, Attempt.Transport transport, ProbeConfig.TrustSource trust,
            ProbeReport.ServerName.Source source) {
        Attempt attempt = new Attempt(transport, Set.of(Attempt.Check.values()),
                Optional.of(new Attempt.Certificate("CN=insecure", "CN=wechaty-root-ca", List.of("insecure"), Attempt.NameSource.COMMON_NAME)),
                outcome, Duration.ofMillis(12));
        return new ProbeReport("127.0.0.1", 8788, Optional.of(Duration.ofMillis(3)), new ProbeReport.ServerName("insecure", source),
                trust, List.of(attempt), outcome, Duration.ofMillis(20));
    }

    @Test
    void everyOutcomeAndCheckHasWordsInBothLanguages() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Text.use(locale);
            for (ProbeOutcome outcome : everyOutcome()) {
                for (Attempt.Transport transport : Attempt.Transport.values()) {
                    for (ProbeConfig.TrustSource trust : ProbeConfig.TrustSource.values()) {
                        for (ProbeReport.ServerName.Source source : ProbeReport.ServerName.Source.values()) {
                            ProbeReport report = report(outcome, transport, trust, source);
                            String words = Words.of(report) + " | " + String.join(" | ", Words.checks(report));
                            assertFalse(words.contains("!probe."), locale + ": " + words);
                            assertFalse(words.contains("{"), locale + ": " + words);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theSentencesSayWhatWasSeen() {
        Text.use(Locale.ENGLISH);
        ProbeReport mismatch = report(new ProbeOutcome.NameMismatch("puppet_x", List.of("insecure")), Attempt.Transport.TLS,
                ProbeConfig.TrustSource.WECHATY_ROOT_CA, ProbeReport.ServerName.Source.TOKEN);
        assertEquals("TLS name mismatch: this token expects the name “puppet_x”, the certificate is for “insecure” (the SDK refuses it too)",
                Words.of(mismatch));

        ProbeReport serving = report(new ProbeOutcome.Serving(), Attempt.Transport.TLS, ProbeConfig.TrustSource.WECHATY_ROOT_CA,
                ProbeReport.ServerName.Source.TOKEN);
        List<String> checks = Words.checks(serving);
        assertEquals("TCP connect: 3 ms", checks.get(0));
        assertTrue(checks.get(1).startsWith("TLS, server name “insecure” (the token’s SNI): certificate signed by the Wechaty root CA, "
                + "name matches the certificate’s CN, HTTP/2, gRPC health answer"), checks.get(1));

        Text.use(Locale.SIMPLIFIED_CHINESE);
        assertTrue(Words.of(serving).startsWith("服务中"), Words.of(serving));
    }
}
