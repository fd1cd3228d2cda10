package org.tokendesk.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.probe.Attempt;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.probe.ProbeOutcome;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.probe.ProbeReport.ServerName;
import org.tokendesk.token.Token;

/**
 * Runs the chain for one token: the lookup, the probe with the token call, and, when TLS is what
 * broke, one more probe with the setting that would fix it (another server name, or plaintext), so
 * the fix it gives has been tried. Blocking: call it from a worker or the CLI.
 */
public final class ChainCheck {
    private final DiscoveryClient discovery;
    private final OkHttpClient http;
    private final ProbeConfig config;

    /** {@code config}: the SDK's own variables as the user's bot would see them ({@link ProbeConfig#fromEnvironment}). */
    public ChainCheck(DiscoveryClient discovery, OkHttpClient http, ProbeConfig config) {
        this.discovery = discovery;
        this.http = http;
        this.config = config;
    }

    public Chain run(Registry registry, Token token) {
        return run(registry, token, discovery.lookupNow(registry, token));
    }

    /** When the lookup is already done (the CLI looks all tokens up at once). */
    public Chain run(Registry registry, Token token, Lookup lookup) {
        if (!(lookup instanceof Lookup.Resolved resolved)) {
            return assemble(token, registry, lookup, Optional.empty(), Optional.empty(), TransportFix.NONE, config.plaintextOnly(),
                    PlaintextReach.UNKNOWN);
        }
        ProbeReport first = probe(config, token, resolved);
        Optional<ProbeReport> retry = Optional.empty();
        TransportFix fix = TransportFix.NONE;
        ProbeOutcome outcome = first.outcome();
        boolean bare = first.serverName().source() == ServerName.Source.ASSUMED_INSECURE;
        if (outcome instanceof ProbeOutcome.NameMismatch m && !m.seen().isEmpty()) {
            String name = m.seen().get(0);
            retry = Optional.of(probe(config.withServerName(name), token, resolved));
            fix = TransportFix.serverName(name, retry.get().outcome().answered());
        } else if (Probe.isNotTlsOutcome(outcome) && !config.plaintextOnly()) {
            retry = Optional.of(probe(plaintextOnly(config), token, resolved));
            fix = withName(TransportFix.plaintext(retry.get().outcome().answered()), bare);
        } else if (first.workedOver().orElse(null) == Attempt.Transport.PLAINTEXT && !config.plaintextOnly()) {
            fix = withName(TransportFix.plaintext(true), bare);
        } else if (outcome instanceof ProbeOutcome.UntrustedCertificate u && u.why() == ProbeOutcome.UntrustedCertificate.Why.OTHER_CA) {
            fix = TransportFix.caCert(u.issuer());
        } else if (bare && outcome.answered()) {
            // The probe got through with "insecure"; the SDK refuses a token without SNI unless it is told the name.
            fix = TransportFix.serverName(first.serverName().name(), true);
        }
        return assemble(token, registry, lookup, Optional.of(first), retry, fix, config.plaintextOnly(), plaintextReach(first, retry, token, resolved));
    }

    /**
     * Whether a plaintext-only client (Go, Python, Java) gets an answer: known when a probe already went through in
     * plaintext, else asked once more in plaintext when TLS answered; a service serves one or the other, never both.
     */
    private PlaintextReach plaintextReach(ProbeReport first, Optional<ProbeReport> retry, Token token, Lookup.Resolved at) {
        List<ProbeReport> seen = new ArrayList<>(List.of(first));
        retry.ifPresent(seen::add);
        if (seen.stream().anyMatch(r -> r.workedOver().orElse(null) == Attempt.Transport.PLAINTEXT)) {
            return PlaintextReach.ANSWERS;
        }
        if (seen.stream().noneMatch(r -> r.workedOver().isPresent())) {
            return PlaintextReach.UNKNOWN;
        }
        return probe(plaintextOnly(config), token, at).outcome().answered() ? PlaintextReach.ANSWERS : PlaintextReach.TLS_ONLY;
    }

    /** The SDK throws on a token without SNI even when TLS is off: the server name is needed too. */
    private static TransportFix withName(TransportFix fix, boolean bare) {
        if (!bare) {
            return fix;
        }
        List<SdkFix.Setting> settings = new ArrayList<>(fix.settings());
        settings.add(new SdkFix.Setting(ProbeConfig.SERVER_NAME_VARIABLE, "insecure"));
        return new TransportFix(settings, fix.verified());
    }

    private static ProbeConfig plaintextOnly(ProbeConfig c) {
        return new ProbeConfig(c.trust(), c.trustSource(), c.serverName(), true, c.timeouts());
    }

    private ProbeReport probe(ProbeConfig with, Token token, Lookup.Resolved at) {
        try (Probe probe = new Probe(http, with, 1)) {
            return probe.probeNow(token, at.host(), at.port(), true);
        }
    }

    /** The links from what was found; no network. */
    static Chain assemble(Token token, Registry registry, Lookup lookup, Optional<ProbeReport> first, Optional<ProbeReport> retry,
            TransportFix fix, boolean plaintextConfigured, PlaintextReach plaintext) {
        return new ChainLinks(token, registry, lookup, first, retry, fix, plaintextConfigured, plaintext).build();
    }

    /** What a client that dials only plaintext would get from the service. */
    enum PlaintextReach {
        ANSWERS,
        TLS_ONLY,
        /** Nothing answered over either, or the address was never probed. */
        UNKNOWN
    }
}
