package org.tokendesk.log;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.tokendesk.token.Token;

/**
 * Masks secrets in text bound for a log: anything shaped like a token ({@code <sni>_<uuid>} or a
 * bare UUID), the value of an {@code Authorization} header, and every token it has been told about,
 * whatever its shape. A masked token shows as {@link Token#mask(String)} does, never whole.
 */
public final class Redactor {
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** An optional {@code sni_} prefix (which may hold {@code _} itself), then a UUID; no word boundaries, so masking errs on the side of more. */
    private static final Pattern TOKEN_SHAPED = Pattern.compile("(?:[0-9A-Za-z][0-9A-Za-z_.-]*_)?" + UUID);
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(authorization\\s*[:=]\\s*(?:token|wechaty|bearer)?\\s*)([^\\s,;\"']+)");

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile List<String> longestFirst = List.of();

    /** Masks this token wherever it shows up from now on, also percent-encoded as in a URL. */
    public void remember(Token token) {
        String secret = token.reveal();
        boolean added = known.add(secret);
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        added |= !encoded.equals(secret) && known.add(encoded);
        if (added) {
            reorder();
        }
    }

    public void forget(Token token) {
        String secret = token.reveal();
        boolean removed = known.remove(secret);
        removed |= known.remove(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        if (removed) {
            reorder();
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : longestFirst) {
            if (out.contains(secret)) {
                out = out.replace(secret, Token.mask(secret));
            }
        }
        out = replace(TOKEN_SHAPED, out, 0);
        return replace(AUTHORIZATION, out, 2);
    }

    private static String replace(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        do {
            String secret = m.group(group);
            // Masks are shorter than what they hide and hold an ellipsis: already-masked text stays as it is.
            if (!secret.contains("…")) {
                sb.append(text, last, m.start(group)).append(Token.mask(secret));
                last = m.end(group);
            }
        } while (m.find());
        return sb.append(text, last, text.length()).toString();
    }

    private synchronized void reorder() {
        longestFirst = known.stream().sorted(Comparator.comparingInt(String::length).reversed()).collect(Collectors.toUnmodifiableList());
    }
}
