package org.tokendesk.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.FixLines;
import org.tokendesk.probe.Attempt;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.probe.ProbeOutcome;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.probe.TokenCheck;
import org.tokendesk.token.Token;

/** Judges each link from the lookup and the probes; the first failure stops the links after it, unless a tried fix gets past it. */
final class ChainLinks {
    private final Token token;
    private final Registry registry;
    private final Lookup lookup;
    private final Optional<ProbeReport> first;
    private final Optional<ProbeReport> retry;
    private final TransportFix fix;
    private final boolean plaintextConfigured;
    private final ChainCheck.PlaintextReach plaintext;
    private final List<Link> links = new ArrayList<>();

    ChainLinks(Token token, Registry registry, Lookup lookup, Optional<ProbeReport> first, Optional<ProbeReport> retry,
            TransportFix fix, boolean plaintextConfigured, ChainCheck.PlaintextReach plaintext) {
        this.plaintext = plaintext;
        this.token = token;
        this.registry = registry;
        this.lookup = lookup;
        this.first = first;
        this.retry = retry;
        this.fix = fix;
        this.plaintextConfigured = plaintextConfigured;
    }

    Chain build() {
        TokenReading reading = TokenReading.of(token);
        add(Link.Step.TOKEN, reading.warned() ? Link.State.WARNING : Link.State.PASSED, new Finding.OfToken(reading));
        Finding.OfLookup answer = new Finding.OfLookup(lookup, reading.provider().renewal());
        boolean registered = lookup instanceof Lookup.Resolved || lookup instanceof Lookup.Unreachable;
        add(Link.Step.REGISTRY, registered ? Link.State.PASSED : Link.State.FAILED, answer);
        if (!registered) {
            return rest(Link.Step.ADDRESS);
        }
        add(Link.Step.ADDRESS, lookup instanceof Lookup.Resolved ? Link.State.PASSED : Link.State.FAILED, answer);
        if (first.isEmpty()) {
            return rest(Link.Step.TCP);
        }
        ProbeReport report = first.get();
        boolean connected = report.tcpConnect().isPresent();
        add(Link.Step.TCP, connected ? Link.State.PASSED : Link.State.FAILED, new Finding.OfProbe(report));
        if (!connected) {
            return rest(Link.Step.TRANSPORT);
        }
        boolean transportFailed = transportFailed(report);
        add(Link.Step.TRANSPORT, transportFailed ? Link.State.FAILED : Link.State.PASSED, new Finding.OfProbe(report));
        // Past a failed transport only with the fix TokenDesk tried (and that got an answer).
        Optional<ProbeReport> effective = !transportFailed ? first
                : report.workedOver().isPresent() ? first
                : retry.filter(r -> r.outcome().answered());
        if (effective.isEmpty()) {
            add(Link.Step.HEALTH, Link.State.NOT_REACHED, new Finding.NotReached());
            add(Link.Step.TOKEN_ACCEPTED, Link.State.NOT_REACHED, new Finding.NotReached());
            // An unverified fix (another CA) is still the thing to set.
            add(Link.Step.SDK, fix.settings().isEmpty() ? Link.State.NOT_REACHED : Link.State.WARNING,
                    fix.settings().isEmpty() ? new Finding.NotReached() : new Finding.OfSdks(fixes(false)));
            return chain();
        }
        ProbeReport used = effective.get();
        add(Link.Step.HEALTH, health(used.outcome()), new Finding.OfProbe(used));
        Optional<TokenCheck> check = used.tokenCheck();
        Link.State accepted = check.isEmpty() ? Link.State.NOT_REACHED
                : check.get() instanceof TokenCheck.Accepted ? Link.State.PASSED : Link.State.FAILED;
        add(Link.Step.TOKEN_ACCEPTED, accepted, check.<Finding>map(Finding.OfTokenCheck::new).orElseGet(Finding.NotReached::new));
        if (accepted != Link.State.PASSED) {
            add(Link.Step.SDK, Link.State.NOT_REACHED, new Finding.NotReached());
            return chain();
        }
        List<SdkFix> fixes = fixes(fix.verified());
        add(Link.Step.SDK, fixes.stream().allMatch(SdkFix::needsNothing) ? Link.State.PASSED : Link.State.WARNING, new Finding.OfSdks(fixes));
        return chain();
    }

    /** What the SDK's defaults (with the user's variables) would not get through. */
    private boolean transportFailed(ProbeReport report) {
        ProbeOutcome o = report.outcome();
        if (report.workedOver().orElse(null) == Attempt.Transport.PLAINTEXT && !plaintextConfigured) {
            return true;
        }
        if (o instanceof ProbeOutcome.NotGrpc n) {
            return n.why() != ProbeOutcome.NotGrpc.Why.NOT_GRPC_ANSWER;
        }
        return o instanceof ProbeOutcome.NameMismatch || o instanceof ProbeOutcome.UntrustedCertificate
                || o instanceof ProbeOutcome.TlsFailed
                || (o instanceof ProbeOutcome.TimedOut t && t.stage() == ProbeOutcome.Stage.HANDSHAKE);
    }

    private static Link.State health(ProbeOutcome o) {
        if (o instanceof ProbeOutcome.Serving) {
            return Link.State.PASSED;
        }
        // SERVICE_UNKNOWN: the puppet has not sent its first heartbeat yet.
        return o instanceof ProbeOutcome.Unknown ? Link.State.WARNING : Link.State.FAILED;
    }

    /**
     * Node reads the TLS variables and the authority. Go reads the authority but dials plaintext whatever is set;
     * Python and Java ask api.chatie.io whatever is set and dial plaintext too (PROTOCOL.md, and the SDKs' sources),
     * so those three reach a service only if it serves plaintext, and another registry's tokens only by address.
     */
    private List<SdkFix> fixes(boolean verified) {
        boolean otherRegistry = !registry.equals(Registry.CHATIE);
        Optional<String> address = lookup instanceof Lookup.Resolved r ? Optional.of(r.address()) : Optional.empty();
        List<SdkFix.Setting> node = new ArrayList<>(fix.settings());
        List<SdkFix.Setting> go = new ArrayList<>();
        List<SdkFix.Setting> endpointOnly = new ArrayList<>();
        if (otherRegistry) {
            List<SdkFix.Setting> where = new ArrayList<>();
            if (FixLines.authorityReaches(registry)) {
                where.add(new SdkFix.Setting(Registry.AUTHORITY_VARIABLE, registry.authority()));
            } else {
                address.ifPresent(a -> where.add(new SdkFix.Setting(FixLines.ENDPOINT_VARIABLE, a)));
            }
            node.addAll(where);
            go.addAll(where);
            address.ifPresent(a -> endpointOnly.add(new SdkFix.Setting(FixLines.ENDPOINT_VARIABLE, a)));
        }
        if (TokenReading.of(token).sni().isEmpty()) {
            // go-wechaty refuses a token without SNI even though it never uses TLS.
            go.add(new SdkFix.Setting(ProbeConfig.SERVER_NAME_VARIABLE, "insecure"));
        }
        boolean plain = plaintext == ChainCheck.PlaintextReach.ANSWERS;
        Optional<SdkFix.Setting> onService = plaintext == ChainCheck.PlaintextReach.TLS_ONLY
                ? Optional.of(new SdkFix.Setting(SdkFix.SERVICE_PLAINTEXT_VARIABLE, "true")) : Optional.empty();
        return List.of(new SdkFix(SdkFix.Sdk.NODE, node, verified), new SdkFix(SdkFix.Sdk.GO, go, plain, onService),
                new SdkFix(SdkFix.Sdk.PYTHON, endpointOnly, plain, onService), new SdkFix(SdkFix.Sdk.JAVA, endpointOnly, plain, onService));
    }

    private Chain rest(Link.Step from) {
        for (Link.Step step : Link.Step.values()) {
            if (step.ordinal() >= from.ordinal()) {
                add(step, Link.State.NOT_REACHED, new Finding.NotReached());
            }
        }
        return chain();
    }

    private void add(Link.Step step, Link.State state, Finding finding) {
        links.add(new Link(step, state, finding));
    }

    private Chain chain() {
        return new Chain(token.masked(), registry, links);
    }
}
