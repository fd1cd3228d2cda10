package org.tokendesk.export;

import org.tokendesk.store.SavedToken;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenProblem;

/** One entry of an imported file. {@code position} is the line (.env) or the entry's number (JSON), from 1. */
public sealed interface ImportedEntry {
    int position();

    record Accepted(int position, SavedToken token) implements ImportedEntry {
    }

    /** Already in the list, or earlier in the same file. */
    record Duplicate(int position, Token token) implements ImportedEntry {
    }

    /** The token itself is not one (whitespace, a quote, …); the problem never holds the token. */
    record BadToken(int position, TokenProblem problem) implements ImportedEntry {
    }

    /** Something else about the entry is wrong. {@code detail} never holds a token. */
    record BadEntry(int position, Why why, String detail) implements ImportedEntry {
        public enum Why {
            /** A JSON entry that is not an object. */
            NOT_AN_OBJECT,
            /** A port outside 1..65535 or not a number. */
            BAD_PORT,
            /** An "added" that is not an ISO-8601 instant. */
            BAD_DATE,
            /** A label that is not text, or longer than {@link TokenImport#MAX_LABEL}. */
            BAD_LABEL,
            /** A TokenDesk tokens.json entry whose secret is in another computer's keyring: only a reference is here. */
            KEYRING_REFERENCE,
            /** A {@code NAME=value} line whose name is not a token variable. */
            OTHER_VARIABLE
        }
    }
}
