package org.tokendesk.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.tokendesk.chain.Chain;
import org.tokendesk.chain.Finding;
import org.tokendesk.chain.Link;
import org.tokendesk.chain.SdkFix;
import org.tokendesk.chain.TokenReading;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.probe.Attempt;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.probe.TokenCheck;
import org.tokendesk.chain.Chain;
import org.tokendesk.chain.Finding;
import org.tokendesk.chain.Link;
import org.tokendesk.chain.SdkFix;
import org.tokendesk.chain.TokenReading;

/** The chain in the user's words, for the window, the CLI and the doctor. Never holds a whole token. */
public final class ChainWords {
    private ChainWords() {
    }

    public static String step(Link.Step step) {
        return Text.get("chain.step." + step.name());
    }

    public static String state(Link.State state) {
        return Text.get("chain.state." + state.name());
    }

    /** One sentence: what this link found. */
    public static String of(Link link) {
        Finding f = link.finding();
        if (f instanceof Finding.NotReached) {
            return Text.get("chain.notReached");
        }
        if (f instanceof Finding.OfToken t) {
            return token(t.reading());
        }
        if (f instanceof Finding.OfLookup l) {
            return link.step() == Link.Step.ADDRESS ? address(l.lookup()) : registry(l);
        }
        if (f instanceof Finding.OfProbe p) {
            return probe(link, p.report());
        }
        if (f instanceof Finding.OfTokenCheck c) {
            return tokenCheck(c.check());
        }
        Finding.OfSdks sdks = (Finding.OfSdks) f;
        return sdks.fixes().stream().allMatch(SdkFix::needsNothing) ? Text.get("chain.sdk.none") : Text.get("chain.sdk.some");
    }

    /** The headline: the first failing link and what it says, or that all passed. */
    public static String verdict(Chain chain) {
        return chain.firstFailure()
                .map(l -> Text.get("chain.firstFailure", step(l.step()), of(l)))
                .orElseGet(() -> Text.get("chain.allPassed"));
    }

    /** "Node (wechaty-puppet-service): WECHATY_…=true, …", or that it needs nothing. */
    public static String of(SdkFix fix) {
        String sdk = Text.get("chain.sdk." + fix.sdk().name());
        if (fix.needsNothing()) {
            return Text.get("chain.sdk.nothing", sdk);
        }
        String settings = fix.settings().stream().map(SdkFix.Setting::line).collect(Collectors.joining("  "));
        if (fix.onService().isPresent()) {
            String service = Text.get("chain.sdk.onService", sdk, fix.onService().get().line());
            return settings.isEmpty() ? service : service + " " + Text.get("chain.sdk.then", settings);
        }
        return Text.get(fix.verified() ? "chain.sdk.line.verified" : "chain.sdk.line", sdk, settings);
    }

    /** Every link on a line of its own, then the settings per SDK: the CLI's and the report's form. */
    public static List<String> lines(Chain chain) {
        List<String> out = new ArrayList<>();
        for (Link link : chain.links()) {
            out.add(String.format("%-8s %-22s %s", "[" + state(link.state()) + "]", step(link.step()), of(link)));
        }
        for (SdkFix fix : chain.fixes()) {
            out.add("         " + of(fix));
        }
        return out;
    }

    private static String token(TokenReading reading) {
        List<String> parts = new ArrayList<>();
        parts.add(Text.get("chain.token.provider." + reading.provider().name()));
        parts.add(reading.sni().map(s -> Text.get("chain.token.sni", s)).orElseGet(() -> Text.get("chain.token.noSni")));
        for (TokenReading.Warning w : reading.warnings()) {
            parts.add(Text.get("chain.token.warning." + w.name()));
        }
        return String.join("; ", parts);
    }

    private static String registry(Finding.OfLookup l) {
        Lookup lookup = l.lookup();
        if (lookup instanceof Lookup.NotRegistered) {
            return Text.get("chain.registry.notRegistered", Words.of(lookup), Text.get("chain.renewal." + l.renewal().name()));
        }
        if (lookup instanceof Lookup.Unreachable) {
            return Text.get("chain.registry.registered");
        }
        return Words.of(lookup);
    }

    private static String address(Lookup lookup) {
        return lookup instanceof Lookup.Resolved r ? Text.get("chain.address.ok", r.address()) : Words.of(lookup);
    }

    private static String probe(Link link, ProbeReport report) {
        switch (link.step()) {
            case TCP:
                return report.tcpConnect().map(d -> Text.get("chain.tcp.ok", report.address(), d.toMillis())).orElseGet(() -> Words.of(report));
            case TRANSPORT:
                if (link.state() == Link.State.FAILED) {
                    return report.workedOver().orElse(null) == Attempt.Transport.PLAINTEXT
                            ? Text.get("chain.transport.plaintextOnly", report.address())
                            : Words.of(report);
                }
                return report.decisive().map(a -> a.transport() == Attempt.Transport.PLAINTEXT
                        ? Text.get("chain.transport.plaintext.configured")
                        : Text.get("chain.transport.tls", report.serverName().name(), Text.get("probe.check.CHAIN." + report.trust().name())))
                        .orElseGet(() -> Words.of(report));
            default:
                return Words.of(report);
        }
    }

    /** The answer to the authenticated call in one sentence (the server's reason comes masked). */
    public static String tokenCheck(TokenCheck check) {
        if (check instanceof TokenCheck.Accepted a) {
            return a.serverVersion().isEmpty() ? Text.get("chain.accepted.noVersion") : Text.get("chain.accepted", a.serverVersion());
        }
        if (check instanceof TokenCheck.Rejected r) {
            return Text.get("chain.rejected", r.reason());
        }
        if (check instanceof TokenCheck.OtherStatus o) {
            return Text.get("chain.otherStatus", o.code(), o.message());
        }
        if (check instanceof TokenCheck.NoSuchMethod) {
            return Text.get("chain.noSuchMethod");
        }
        return Text.get("chain.tokenCallFailed", ((TokenCheck.Failed) check).detail());
    }
}
