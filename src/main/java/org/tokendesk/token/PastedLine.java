package org.tokendesk.token;

/** What one line of a paste turned out to be. Line numbers count from 1 and name the line in the paste. */
public sealed interface PastedLine {
    int line();

    record Accepted(int line, Token token) implements PastedLine {
    }

    record Rejected(int line, TokenProblem problem) implements PastedLine {
    }

    /** The same token appeared earlier in this paste, or is already in the list. */
    record Duplicate(int line, Token token) implements PastedLine {
    }
}
