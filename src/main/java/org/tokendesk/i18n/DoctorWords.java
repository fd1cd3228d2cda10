package org.tokendesk.i18n;

import org.tokendesk.doctor.Advice;

/** The doctor's findings in the user's words, with the fix to copy. Never a whole token. */
public final class DoctorWords {
    private DoctorWords() {
    }

    public static String severity(Advice advice) {
        return Text.get("doctor.severity." + advice.severity().name());
    }

    public static String of(Advice advice) {
        if (advice instanceof Advice.GrpcCrash c) {
            return Text.get("doctor.grpcCrash", c.grpcJs(), c.wechatyToken(), c.where(), c.manager().pin());
        }
        if (advice instanceof Advice.GrpcUnpinned u) {
            return Text.get("doctor.grpcUnpinned", u.declaredBy(), u.manager().pin());
        }
        if (advice instanceof Advice.IgnoresAuthority i) {
            return Text.get(i.authoritySet() ? "doctor.ignoresAuthority.set" : "doctor.ignoresAuthority",
                    Text.get("chain.sdk." + i.sdk().name()), i.declared());
        }
        if (advice instanceof Advice.GoPlaintextOnly g) {
            return Text.get("doctor.goPlaintext", g.version());
        }
        if (advice instanceof Advice.PythonTelnetlib t) {
            return t.runtime().isPresent() ? Text.get("doctor.pythonTelnetlib.declared", t.declared(), t.runtime().get(), t.file().orElse(""))
                    : Text.get("doctor.pythonTelnetlib", t.declared());
        }
        if (advice instanceof Advice.StrayQuotes q) {
            return Text.get("doctor.strayQuotes", q.variable(), q.line());
        }
        if (advice instanceof Advice.StraySpaces s) {
            return Text.get("doctor.straySpaces", s.variable(), s.line());
        }
        if (advice instanceof Advice.Deprecated d) {
            return Text.get("doctor.deprecated", d.variable(), d.replacement(), d.line());
        }
        if (advice instanceof Advice.BadToken b) {
            return Text.get("doctor.badToken", b.variable(), Words.of(b.problem()));
        }
        if (advice instanceof Advice.NoToken) {
            return Text.get("doctor.noToken");
        }
        if (advice instanceof Advice.TokenNotInList n) {
            return n.sameProvider().isPresent()
                    ? Text.get("doctor.tokenDiffers", n.masked(), n.sameProvider().get())
                    : Text.get("doctor.tokenNotInList", n.masked());
        }
        if (advice instanceof Advice.TokenForAnotherPuppet p) {
            return Text.get("doctor.anotherPuppet", p.puppet(), p.tokenPrefix());
        }
        Advice.Unreadable u = (Advice.Unreadable) advice;
        return Text.get("doctor.unreadable", u.file(), u.why());
    }

}
