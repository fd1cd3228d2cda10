package org.tokendesk.i18n;

import java.util.Locale;

import org.tokendesk.registry.Reach;
import org.tokendesk.registry.Registrant;
import org.tokendesk.registry.RegistryEvent;

/** The user's words for what happens at the registry, shared by the CLI and the window. Tokens show masked. */
public final class RegistryWords {
    private RegistryWords() {
    }

    public static String of(RegistryEvent event) {
        if (event instanceof RegistryEvent.Online o) {
            return Text.get("registry.event.online", o.registrant().token().masked(), o.registrant().remoteAddress());
        }
        if (event instanceof RegistryEvent.PortAnswered p) {
            return Text.get("registry.event.port", p.registrant().token().masked(), p.registrant().host() + ":" + p.port());
        }
        if (event instanceof RegistryEvent.NoValidPort n) {
            return Text.get("registry.event.noPort", n.registrant().token().masked());
        }
        if (event instanceof RegistryEvent.Offline o) {
            return Text.get("registry.event.offline", o.registrant().token().masked(), of(o.why()), o.code());
        }
        if (event instanceof RegistryEvent.Refused r) {
            return Text.get("registry.event.refused", r.maskedToken().orElse("-"), r.address(), of(r.refusal()));
        }
        if (event instanceof RegistryEvent.ReachChecked c) {
            return of(c.registrant(), c.reach());
        }
        return event.getClass().getSimpleName();
    }

    static String of(Registrant registrant, Reach reach) {
        if (reach instanceof Reach.Reachable r) {
            return Text.get("registry.event.reachable", registrant.token().masked(), r.host() + ":" + r.port(), r.millis());
        }
        if (reach instanceof Reach.Unreachable u) {
            return Text.get("registry.event.unreachable", registrant.token().masked(), u.host() + ":" + u.port(), u.why());
        }
        return Text.get("registry.reach.notChecked");
    }

    public static String of(RegistryEvent.Why why) {
        return Text.get("registry.why." + why.name().toLowerCase(Locale.ROOT));
    }

    public static String of(RegistryEvent.Refusal refusal) {
        return Text.get("registry.refusal." + refusal.name().toLowerCase(Locale.ROOT));
    }
}
