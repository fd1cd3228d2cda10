package org.tokendesk.token;

import java.util.Locale;
import java.util.Optional;

/**
 * A puppet-service token: an opaque secret. {@link #toString()} masks it, so a token that slips
 * into a log line or an exception message never shows whole.
 */
public final class Token implements Comparable<Token> {
    public static final int MAX_LENGTH = 256;

    private final String value;

    private Token(String value) {
        this.value = value;
    }

    /** Wraps a string that is already known to be a valid token; throws with a masked message otherwise. */
    public static Token of(String value) {
        Optional<TokenProblem> problem = TokenSyntax.check(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("not a token (" + problem.get().kind() + "): " + mask(value == null ? "" : value));
        }
        return new Token(value);
    }

    /** The whole secret. Call only where the token must leave the app: the wire, the clipboard, the store. */
    public String reveal() {
        return value;
    }

    public int length() {
        return value.length();
    }

    /**
     * The TLS server name the SDKs use for this token: the part before the last {@code _}, lower-cased.
     * Bare UUIDs and other tokens without {@code _} have none.
     */
    public Optional<String> sni() {
        int cut = value.lastIndexOf('_');
        if (cut <= 0) {
            return Optional.empty();
        }
        return Optional.of(value.substring(0, cut).toLowerCase(Locale.ROOT));
    }

    public String masked() {
        return mask(value);
    }

    /**
     * First 8 and last 4 characters. Shorter tokens show less, so that a mask never gives away
     * more than about half of the secret.
     */
    public static String mask(String secret) {
        int n = secret.length();
        if (n >= 24) {
            return secret.substring(0, 8) + "…" + secret.substring(n - 4);
        }
        if (n >= 8) {
            return secret.substring(0, n / 4) + "…" + secret.substring(n - n / 8);
        }
        return "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(Token o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return "Token[" + masked() + "]";
    }
}
