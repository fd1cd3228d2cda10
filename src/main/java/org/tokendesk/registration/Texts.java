package org.tokendesk.registration;

import org.tokendesk.net.Detail;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenScrubber;

/** Small helpers to keep untrusted or secret text out of logs. */
final class Texts {
    private Texts() {
    }

    /** At most {@code max} characters, control characters replaced, so one log line stays one line. */
    static String shorten(String text, int max) {
        return Detail.shorten(text, max);
    }

    /** Masks the token wherever a library or the registry echoed it (also percent-encoded), then shortens. */
    static String scrub(String text, Token token, int max) {
        return shorten(text == null ? "" : TokenScrubber.scrub(text, token), max);
    }
}
