package org.tokendesk.store;

import java.time.Instant;

import org.tokendesk.token.Token;

/** One row of the user's list as saved: the token, the label they gave it, and whether it is kept online. */
public record SavedToken(Token token, String label, Instant added, boolean keepOnline, int port) {
    public static final int DEFAULT_PORT = 8788;

    public SavedToken {
        label = label == null ? "" : label;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1..65535");
        }
    }

    public static SavedToken added(Token token, Instant now) {
        return new SavedToken(token, "", now, false, DEFAULT_PORT);
    }

    public SavedToken withLabel(String newLabel) {
        return new SavedToken(token, newLabel, added, keepOnline, port);
    }

    public SavedToken withKeepOnline(boolean on, int newPort) {
        return new SavedToken(token, label, added, on, newPort);
    }
}
