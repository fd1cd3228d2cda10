package org.tokendesk.ui.liveness;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.probe.ProbeOutcome;
import org.tokendesk.probe.TokenCheck;
import org.tokendesk.ui.Tone;
import org.tokendesk.ui.model.RowProbe;

/** A probe outcome in one or two words for the table, and the style class that colours it. */
public final class ProbeWords {
    private ProbeWords() {
    }

    public static String brief(RowProbe probe) {
        if (probe instanceof RowProbe.Probed p) {
            if (rejected(p)) {
                return Text.get("probe.brief.tokenRejected");
            }
            return Text.get("probe.brief." + p.report().outcome().getClass().getSimpleName());
        }
        return probe instanceof RowProbe.Probing ? Text.get("probe.brief.probing") : "—";
    }

    public static String full(RowProbe probe) {
        if (probe instanceof RowProbe.Probed p) {
            return Words.of(p.report());
        }
        return probe instanceof RowProbe.Probing ? Text.get("probe.brief.probing") : Text.get("probe.none");
    }

    public static Tone tone(RowProbe probe) {
        if (!(probe instanceof RowProbe.Probed p)) {
            return Tone.MUTED;
        }
        ProbeOutcome o = p.report().outcome();
        if (rejected(p)) {
            return Tone.ERROR;
        }
        if (o instanceof ProbeOutcome.Serving) {
            return Tone.OK;
        }
        return o instanceof ProbeOutcome.NotServing || o instanceof ProbeOutcome.Unknown ? Tone.WARN : Tone.ERROR;
    }

    /** Serving, but not for this token: the service answered UNAUTHENTICATED to the authenticated call. */
    static boolean rejected(RowProbe.Probed p) {
        return p.report().tokenCheck().map(t -> t instanceof TokenCheck.Rejected).orElse(false);
    }
}
