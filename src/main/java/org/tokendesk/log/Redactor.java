package org.tokendesk.log;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tokendesk.token.Token;
import org.tokendesk.token.TokenScrubber;

/**
 * Masks secrets in text bound for a log: anything shaped like a token ({@code <sni>_<uuid>} or a
 * bare UUID), the value of an {@code Authorization} header, and every token it has been told about,
 * whatever its shape. A masked token shows as {@link Token#mask(String)} does, never whole.
 */
public final class Redactor {
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(authorization\\s*[:=]\\s*(?:token|wechaty|bearer)?\\s*)([^\\s,;\"']+)");

    private final Set<Token> known = ConcurrentHashMap.newKeySet();
    private volatile TokenScrubber scrubber = TokenScrubber.of(List.of());
    /** Set when the known tokens changed; the scrubber is rebuilt at the next log line, not at each of 10,000 loaded rows. */
    private volatile boolean stale;

    /** Masks this token wherever it shows up from now on, also percent-encoded as in a URL. */
    public void remember(Token token) {
        if (known.add(token)) {
            stale = true;
        }
    }

    public void forget(Token token) {
        if (known.remove(token)) {
            stale = true;
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return authorization(current().scrubAll(text));
    }

    private TokenScrubber current() {
        if (stale) {
            synchronized (this) {
                if (stale) {
                    // Cleared before the copy: a token remembered meanwhile marks it stale again.
                    stale = false;
                    scrubber = TokenScrubber.of(List.copyOf(known));
                }
            }
        }
        return scrubber;
    }

    private static String authorization(String text) {
        // Masks are shorter than what they hide and hold an ellipsis: already-masked text stays as it is.
        return AUTHORIZATION.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(2).contains("…") ? m.group() : m.group(1) + Token.mask(m.group(2))));
    }
}
