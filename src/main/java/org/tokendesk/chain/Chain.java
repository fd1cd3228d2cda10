package org.tokendesk.chain;

import java.util.List;
import java.util.Optional;

import org.tokendesk.discovery.Registry;
import org.tokendesk.probe.ProbeReport;

/**
 * The whole way from a token to a bot that starts, one {@link Link} per step, in order. Holds the
 * token only masked.
 */
public record Chain(String maskedToken, Registry registry, List<Link> links) {
    public Chain {
        links = List.copyOf(links);
    }

    /** The link to fix first; empty when every link passed (warnings included). */
    public Optional<Link> firstFailure() {
        return links.stream().filter(Link::failed).findFirst();
    }

    public Link link(Link.Step step) {
        return links.stream().filter(l -> l.step() == step).findFirst().orElseThrow();
    }

    /** The service took the token (with the SDK's defaults, or with the fix TokenDesk verified). */
    public boolean tokenAccepted() {
        return link(Link.Step.TOKEN_ACCEPTED).state() == Link.State.PASSED;
    }

    /** The probe with the SDK's settings (before any fix was tried), when the address was probed. */
    public Optional<ProbeReport> probe() {
        return link(Link.Step.TCP).finding() instanceof Finding.OfProbe p ? Optional.of(p.report()) : Optional.empty();
    }

    /** What each SDK needs; empty when the chain broke before an SDK could get anywhere. */
    public List<SdkFix> fixes() {
        return link(Link.Step.SDK).finding() instanceof Finding.OfSdks sdks ? sdks.fixes() : List.of();
    }
}
