package org.tokendesk.i18n;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.tokendesk.net.Hosts;
import org.tokendesk.registration.Drop;
import org.tokendesk.registration.KeptToken;
import org.tokendesk.registration.LocalService;
import org.tokendesk.registration.LogEntry;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.registration.Verification;

/** The user's words for keep-online states, checks and log lines, shared by the window and the CLI. */
public final class RegistrationWords {
    private RegistrationWords() {
    }

    /** The state of a kept token; a loopback answer counts as unreachable only from a remote registry. */
    public static String of(KeptToken status, Instant now) {
        return of(status.state(), now, status.unreachableFromRegistry());
    }

    /** {@code now} turns a retry time into "in N s". */
    public static String of(RegistrationState state, Instant now) {
        return of(state, now, state instanceof RegistrationState.Online online && online.handsOutLoopback());
    }

    private static String of(RegistrationState state, Instant now, boolean unreachable) {
        if (state instanceof RegistrationState.Online online) {
            String since = time(online.since());
            return unreachable
                    ? Text.get("registration.state.Online.unreachable", since, online.portQueriesAnswered())
                    : Text.get("registration.state.Online", since, online.portQueriesAnswered());
        }
        if (state instanceof RegistrationState.Retrying retrying) {
            return Text.get("registration.state.Retrying", retrying.secondsLeft(now), of(retrying.lastError()));
        }
        if (state instanceof RegistrationState.Rejected rejected) {
            return Text.get("registration.state.Rejected", Integer.toString(rejected.status()));
        }
        if (state instanceof RegistrationState.Stopped stopped) {
            return stopped.reason().isEmpty()
                    ? Text.get("registration.state.Stopped.noReason")
                    : Text.get("registration.state.Stopped", stopped.reason());
        }
        if (state instanceof RegistrationState.Connecting) {
            return Text.get("registration.state.Connecting");
        }
        return Text.get("registration.state.Off");
    }

    public static String of(Drop drop) {
        return Text.get("registration.drop." + drop.cause().name(), drop.detail());
    }

    /** Whether the user should see this state as a warning (the UI colours it). */
    public static boolean isProblem(Verification verification) {
        return !(verification instanceof Verification.Verified || verification instanceof Verification.NotChecked
                || verification instanceof Verification.Checking);
    }

    public static String of(Verification v) {
        if (v instanceof Verification.Verified ok) {
            return Text.get("registration.verify.Verified", Hosts.hostPort(ok.host(), ok.port()));
        }
        if (v instanceof Verification.OtherPort other) {
            return Text.get("registration.verify.OtherPort", Hosts.hostPort(other.host(), other.port()), Integer.toString(other.expected()));
        }
        if (v instanceof Verification.NotRegistered) {
            return Text.get("registration.verify.NotRegistered");
        }
        if (v instanceof Verification.Unreachable u) {
            return Text.get("registration.verify.Unreachable", u.publicIp().map(ip -> Hosts.hostPort(ip, u.port())).orElse(Integer.toString(u.port())));
        }
        if (v instanceof Verification.Failed f) {
            return Text.get("registration.verify.Failed", Words.of(f.lookup()));
        }
        if (v instanceof Verification.Checking) {
            return Text.get("registration.verify.Checking");
        }
        return Text.get("registration.verify.NotChecked");
    }

    public static String of(LocalService local) {
        if (local instanceof LocalService.Listening l) {
            return Text.get("registration.local.Listening", Integer.toString(l.port()));
        }
        if (local instanceof LocalService.NotListening n) {
            return Text.get("registration.local.NotListening", Integer.toString(n.port()));
        }
        return Text.get("registration.local.NotChecked");
    }

    /** One log line without its time (the UI shows the time in its own column). */
    public static String of(LogEntry entry) {
        return Text.get("registration.log." + entry.event().name(), entry.detail());
    }

    /** Times follow the system's format, as every other time in the window does. */
    public static String time(Instant instant) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(Locale.getDefault(Locale.Category.FORMAT))
                .withZone(ZoneId.systemDefault()).format(instant);
    }

}
