package org.tokendesk.token;

import java.util.Optional;

/**
 * What a token may contain: it travels as one path segment of the discovery URL, as an HTTP header
 * ({@code Authorization: Token …}) and as gRPC metadata, and those carry printable ASCII only.
 */
public final class TokenSyntax {
    /** Delimiters of a URL, and characters a URL cannot carry unescaped. The SDKs do not escape tokens. */
    private static final String URL_CHARACTERS = "/?#%\\[]@<>\"{}|^`";

    private TokenSyntax() {
    }

    public static Optional<TokenProblem> check(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return Optional.of(TokenProblem.of(TokenProblem.Kind.EMPTY));
        }
        if (candidate.length() > Token.MAX_LENGTH) {
            return Optional.of(new TokenProblem(TokenProblem.Kind.TOO_LONG, Integer.toString(candidate.length())));
        }
        for (int i = 0; i < candidate.length(); ) {
            int cp = candidate.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return Optional.of(new TokenProblem(TokenProblem.Kind.WHITESPACE, codePoint(cp)));
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
                return Optional.of(new TokenProblem(TokenProblem.Kind.CONTROL_CHARACTER, codePoint(cp)));
            }
            if (URL_CHARACTERS.indexOf(cp) >= 0) {
                return Optional.of(new TokenProblem(TokenProblem.Kind.URL_CHARACTER, Character.toString(cp)));
            }
            if (cp > 0x7E) {
                return Optional.of(new TokenProblem(TokenProblem.Kind.NOT_ASCII, Character.toString(cp) + " " + codePoint(cp)));
            }
            i += Character.charCount(cp);
        }
        // As a path segment "." and ".." would climb out of /v0/hosties/.
        if (candidate.equals(".") || candidate.equals("..")) {
            return Optional.of(new TokenProblem(TokenProblem.Kind.URL_CHARACTER, "."));
        }
        return Optional.empty();
    }

    private static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }
}
