package org.tokendesk.registration;

import org.tokendesk.token.Token;
import org.tokendesk.token.TokenScrubber;

/** Small helpers to keep untrusted or secret text out of logs. */
final class Texts {
    private Texts() {
    }

    /** At most {@code max} characters, control characters replaced, so one log line stays one line. */
    static String shorten(String text, int max) {
        String s = text == null ? "" : text;
        StringBuilder out = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (s.length() > max) {
            out.append('…');
        }
        return out.toString();
    }

    /** Masks the token wherever a library or the registry echoed it (also percent-encoded), then shortens. */
    static String scrub(String text, Token token, int max) {
        return shorten(text == null ? "" : TokenScrubber.scrub(text, token), max);
    }
}
