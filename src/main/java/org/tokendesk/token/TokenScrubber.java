package org.tokendesk.token;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks tokens in any text before it leaves the app, for a log, a message, a screenshot, an issue
 * or a chat: the known tokens (also percent-encoded, as they appear in URLs), and optionally anything
 * shaped like a modern token ({@code <sni>_<uuid>} or a bare UUID) that the list does not know. A
 * masked token shows as {@link Token#mask(String)} makes it, never whole.
 */
public final class TokenScrubber {
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** An optional {@code sni_} prefix (which may hold {@code _} itself), then a UUID; no word boundaries, so masking errs on the side of more. */
    private static final Pattern TOKEN_SHAPED = Pattern.compile("(?:[0-9A-Za-z][0-9A-Za-z_.-]*_)?" + UUID);

    private final Pattern known;
    private final Map<String, String> masks;

    private TokenScrubber(Collection<Token> tokens) {
        Map<String, String> masks = new LinkedHashMap<>();
        for (Token token : tokens) {
            masks.put(token.reveal(), token.masked());
            String encoded = URLEncoder.encode(token.reveal(), StandardCharsets.UTF_8);
            masks.putIfAbsent(encoded, token.masked());
        }
        this.masks = masks;
        // One pass, longest first: a token that contains another is masked whole, and no mask is masked again.
        this.known = masks.isEmpty() ? null : Pattern.compile(masks.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
    }

    public static TokenScrubber of(Collection<Token> tokens) {
        return new TokenScrubber(tokens);
    }

    /** Masks one token wherever a library or a server echoed it. */
    public static String scrub(String text, Token token) {
        return of(List.of(token)).scrub(text);
    }

    /** Masks the known tokens. */
    public String scrub(String text) {
        return known == null ? text : known.matcher(text).replaceAll(m -> Matcher.quoteReplacement(masks.get(m.group())));
    }

    /** Masks the known tokens, then anything else that looks like a token. */
    public String scrubAll(String text) {
        return scrubTokenShaped(scrub(text));
    }

    /** Masks every {@code <sni>_<uuid>} or bare UUID in {@code text}, known or not. */
    public static String scrubTokenShaped(String text) {
        return TOKEN_SHAPED.matcher(text).replaceAll(m -> Matcher.quoteReplacement(Token.mask(m.group())));
    }
}
