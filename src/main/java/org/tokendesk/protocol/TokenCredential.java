package org.tokendesk.protocol;

import java.util.Locale;
import java.util.Objects;

import org.tokendesk.token.Token;

/**
 * The token a WebSocket upgrade carries: {@code Authorization: Token <t>} (scheme matched without
 * case) or a URL path ending in {@code /token/<t>}. The header wins when both are there. The token
 * is a secret: {@link #toString()} masks it.
 */
public record TokenCredential(String token, Source source) {
    public static final String SCHEME = "Token";
    private static final String PATH_MARK = "/token/";

    public enum Source {
        AUTHORIZATION_HEADER, PATH
    }

    /** Why an upgrade carries no token; the open-source registry answers 401 to each. */
    public enum Missing {
        /** Neither header nor path. */
        NONE,
        /** An Authorization header with another scheme ({@code Bearer …}) and no path token. */
        OTHER_SCHEME,
        /** {@code Token} with nothing after it, or {@code /token/} with nothing after it. */
        EMPTY,
        /** Longer than any token ({@link Token#MAX_LENGTH}) or holding control characters. */
        MALFORMED
    }

    public sealed interface Read {
    }

    public record Found(TokenCredential credential) implements Read {
    }

    public record NotFound(Missing why) implements Read {
    }

    public TokenCredential {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(source, "source");
    }

    /** The header value a registrant sends. */
    public static String header(String token) {
        return SCHEME + " " + token;
    }

    /**
     * @param authorization the header's value, null when absent
     * @param decodedPath the request path, percent-decoded, null when unknown
     */
    public static Read read(String authorization, String decodedPath) {
        Missing why = Missing.NONE;
        if (authorization != null && !authorization.isBlank()) {
            String[] parts = authorization.strip().split("\\s+", 2);
            if (parts[0].toLowerCase(Locale.ROOT).equals(SCHEME.toLowerCase(Locale.ROOT))) {
                if (parts.length < 2 || parts[1].isBlank()) {
                    why = Missing.EMPTY;
                } else if (!plausible(parts[1].strip())) {
                    why = Missing.MALFORMED;
                } else {
                    return new Found(new TokenCredential(parts[1].strip(), Source.AUTHORIZATION_HEADER));
                }
            } else {
                why = Missing.OTHER_SCHEME;
            }
        }
        if (decodedPath != null) {
            int at = decodedPath.lastIndexOf(PATH_MARK);
            if (at >= 0) {
                String t = decodedPath.substring(at + PATH_MARK.length());
                if (t.isEmpty()) {
                    return new NotFound(why == Missing.NONE ? Missing.EMPTY : why);
                }
                if (t.indexOf('/') >= 0 || !plausible(t)) {
                    return new NotFound(Missing.MALFORMED);
                }
                return new Found(new TokenCredential(t, Source.PATH));
            }
        }
        return new NotFound(why);
    }

    private static boolean plausible(String t) {
        if (t.length() > Token.MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "TokenCredential[" + Token.mask(token) + " from " + source + "]";
    }
}
