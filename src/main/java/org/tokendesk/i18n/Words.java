package org.tokendesk.i18n;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.token.TokenProblem;

/** The user's words for the core's outcomes, shared by the window and the CLI. */
public final class Words {
    private Words() {
    }

    public static String of(TokenProblem problem) {
        return Text.get("token.problem." + problem.kind().name(), problem.detail());
    }

    public static String of(RegistryParse.Invalid invalid) {
        return Text.get("registry.problem." + invalid.reason().name(), invalid.input());
    }

    /** Like {@link #of(Lookup)}, without the latency, for places that show it on its own. */
    public static String state(Lookup lookup) {
        if (lookup instanceof Lookup.Resolved r) {
            return Text.get("lookup.resolved", r.address());
        }
        return of(lookup);
    }

    public static String of(Lookup lookup) {
        if (lookup instanceof Lookup.Resolved r) {
            return Text.get("lookup.resolved.latency", r.address(), r.latency().toMillis());
        }
        if (lookup instanceof Lookup.Unreachable u) {
            return u.publicIp() == null
                    ? Text.get("lookup.unreachable.noIp", Integer.toString(u.port()))
                    : Text.get("lookup.unreachable", u.publicIp() + ":" + u.port());
        }
        if (lookup instanceof Lookup.NotRegistered n) {
            return n.status() >= 400
                    ? Text.get("lookup.notRegistered.status", Integer.toString(n.status()))
                    : Text.get("lookup.notRegistered");
        }
        Lookup.Failed f = (Lookup.Failed) lookup;
        return Text.get("lookup.failed." + f.failure().name(), f.detail());
    }
}
