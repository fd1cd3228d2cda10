package org.tokendesk.ui.keeponline;

import java.time.Instant;

import org.tokendesk.i18n.Text;
import org.tokendesk.ui.Tone;
import org.tokendesk.registration.KeptToken;
import org.tokendesk.registration.LocalService;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.i18n.RegistrationWords;

/** Short keep-online words for the table, and the style class that colours them. */
public final class OnlineWords {
    private OnlineWords() {
    }

    /** {@code kept} may be null: switched on, but the engine has not reported yet. */
    public static String brief(boolean on, KeptToken kept, Instant now) {
        if (!on) {
            return Text.get("ui.online.off");
        }
        RegistrationState state = kept == null ? null : kept.state();
        if (state instanceof RegistrationState.Online online) {
            if (unreachable(kept)) {
                return Text.get("ui.online.onlineUnreachable");
            }
            // Registered, but bots will find nothing at the port: not the green it would otherwise be.
            return kept.localService() instanceof LocalService.NotListening
                    ? Text.get("ui.online.noService")
                    : Text.get("ui.online.online", online.portQueriesAnswered());
        }
        if (state instanceof RegistrationState.Retrying retrying) {
            return Text.get("ui.online.retrying", retrying.secondsLeft(now));
        }
        if (state instanceof RegistrationState.Rejected rejected) {
            return Text.get("ui.online.rejected", Integer.toString(rejected.status()));
        }
        if (state instanceof RegistrationState.Stopped) {
            return Text.get("ui.online.stopped");
        }
        return Text.get("ui.online.connecting");
    }

    public static String full(boolean on, KeptToken kept, Instant now) {
        if (!on || kept == null) {
            return brief(on, kept, now);
        }
        return RegistrationWords.of(kept, now);
    }

    public static Tone tone(boolean on, KeptToken kept) {
        RegistrationState state = kept == null ? null : kept.state();
        if (!on) {
            return Tone.MUTED;
        }
        if (state instanceof RegistrationState.Online) {
            return unreachable(kept) || kept.localService() instanceof LocalService.NotListening ? Tone.WARN : Tone.OK;
        }
        if (state instanceof RegistrationState.Retrying) {
            return Tone.WARN;
        }
        if (state instanceof RegistrationState.Rejected || state instanceof RegistrationState.Stopped) {
            return Tone.ERROR;
        }
        return Tone.MUTED;
    }

    public static boolean countsDown(KeptToken kept) {
        return kept != null && kept.state() instanceof RegistrationState.Retrying;
    }

    /** Online, but the registry's TCP test of the service failed (it hands out 127.0.0.1). */
    private static boolean unreachable(KeptToken kept) {
        return kept.unreachableFromRegistry();
    }
}
