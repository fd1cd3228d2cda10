package org.tokendesk.token;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Candidates are found by their first few characters: a list of thousands scrubs as fast as a list of one. */
    private static final int KEY = 6;

    private final Map<String, String> masks;
    /** The lengths of the secrets of at least {@link #KEY} characters, by their first {@link #KEY}, longest first. */
    private final Map<String, int[]> lengthsByPrefix = new HashMap<>();
    /** The few shorter ones, longest first. */
    private final List<String> shortOnes = new ArrayList<>();
    private final int minLength;

    private TokenScrubber(Collection<Token> tokens) {
        Map<String, String> masks = new LinkedHashMap<>();
        for (Token token : tokens) {
            masks.put(token.reveal(), token.masked());
            String encoded = URLEncoder.encode(token.reveal(), StandardCharsets.UTF_8);
            masks.putIfAbsent(encoded, token.masked());
        }
        this.masks = masks;
        // Longest first: a token that contains another is masked whole, and no mask is masked again.
        Map<String, TreeSet<Integer>> lengths = new HashMap<>();
        for (String secret : masks.keySet()) {
            if (secret.length() >= KEY) {
                lengths.computeIfAbsent(secret.substring(0, KEY), k -> new TreeSet<>(Comparator.reverseOrder())).add(secret.length());
            } else {
                shortOnes.add(secret);
            }
        }
        lengths.forEach((prefix, set) -> lengthsByPrefix.put(prefix, set.stream().mapToInt(Integer::intValue).toArray()));
        shortOnes.sort(Comparator.comparingInt(String::length).reversed());
        this.minLength = masks.keySet().stream().mapToInt(String::length).min().orElse(Integer.MAX_VALUE);
    }

    public static TokenScrubber of(Collection<Token> tokens) {
        return new TokenScrubber(tokens);
    }

    /** Masks one token wherever a library or a server echoed it. */
    public static String scrub(String text, Token token) {
        return of(List.of(token)).scrub(text);
    }

    /** Masks the known tokens, in one pass from the left, the longest one first where several start. */
    public String scrub(String text) {
        if (masks.isEmpty() || text.length() < minLength) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        for (int i = 0; i + minLength <= n; ) {
            String hit = longestAt(text, i);
            if (hit == null) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, copied, i).append(masks.get(hit));
            i += hit.length();
            copied = i;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    private String longestAt(String text, int i) {
        if (i + KEY <= text.length()) {
            int[] lengths = lengthsByPrefix.get(text.substring(i, i + KEY));
            if (lengths != null) {
                for (int length : lengths) {
                    if (i + length <= text.length()) {
                        String candidate = text.substring(i, i + length);
                        if (masks.containsKey(candidate)) {
                            return candidate;
                        }
                    }
                }
            }
        }
        for (String secret : shortOnes) {
            if (text.startsWith(secret, i)) {
                return secret;
            }
        }
        return null;
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
