package org.tokendesk.chain;

import java.util.List;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.probe.TokenCheck;

/** The facts a link was judged on; {@code i18n.ChainWords} says them in the user's language. */
public sealed interface Finding {

    /** An earlier link failed, so this one was not tried. */
    record NotReached() implements Finding {
    }

    record OfToken(TokenReading reading) implements Finding {
    }

    /** The registry's answer; {@code renewal} says where a token that is not registered is renewed. */
    record OfLookup(Lookup lookup, TokenReading.Renewal renewal) implements Finding {
    }

    /** The probe's report, shared by TCP, TRANSPORT and HEALTH (each reads its own part). */
    record OfProbe(ProbeReport report) implements Finding {
    }

    record OfTokenCheck(TokenCheck check) implements Finding {
    }

    /** What each SDK needs; empty lists mean the defaults do. */
    record OfSdks(List<SdkFix> fixes) implements Finding {
        public OfSdks {
            fixes = List.copyOf(fixes);
        }
    }
}
