package org.tokendesk.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.tokendesk.token.Token;

/**
 * How the history file knows a token without holding it: SHA-256 of a random per-file salt and the
 * token. The salt keeps the same token apart in two files and defeats precomputed tables.
 */
public record TokenId(String hex) {
    public TokenId {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a token id");
        }
    }

    public static TokenId of(Token token, byte[] salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(token.reveal().getBytes(StandardCharsets.UTF_8));
            return new TokenId(HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "TokenId[" + hex.substring(0, 8) + "]";
    }
}
