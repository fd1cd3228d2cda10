package org.tokendesk.token;

/**
 * Why a string cannot be a token. {@code detail} never holds the token itself: it names the
 * offending character or the length, so that messages built from it are safe to show and log.
 */
public record TokenProblem(Kind kind, String detail) {
    public enum Kind {
        /** Nothing left after trimming whitespace and quotes. */
        EMPTY,
        /** Space, tab or line break inside the token. */
        WHITESPACE,
        /** Control or invisible formatting character (e.g. a zero-width space from a chat app). */
        CONTROL_CHARACTER,
        /** A character that would change the meaning of the discovery URL: / ? # % and friends. */
        URL_CHARACTER,
        /** A character outside printable ASCII, e.g. a full-width letter typed with a Chinese input method. */
        NOT_ASCII,
        /** Longer than {@link Token#MAX_LENGTH}. */
        TOO_LONG,
        /** A quote opened and not closed, e.g. {@code "abc}. */
        UNBALANCED_QUOTE,
        /** A {@code NAME=value} line whose name is not a token variable. */
        OTHER_VARIABLE
    }

    public static TokenProblem of(Kind kind) {
        return new TokenProblem(kind, "");
    }
}
