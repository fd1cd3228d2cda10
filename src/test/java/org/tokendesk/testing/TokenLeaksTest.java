package org.tokendesk.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import org.tokendesk.token.Token;

/** The scanner the other tests rely on: it must catch a token in every form that gives it away, and never name it whole. */
class TokenLeaksTest {
    private static final Token TOKEN = Token.of("puppet_x_5c0c4c34-9c2b-4f7e-9b1a-0e2d8a7f6b3c");
    private static final TokenLeaks LEAKS = TokenLeaks.of(TOKEN);

    @Test
    void findsTheTokenWholeEncodedOrByItsSecretHalf() {
        assertEquals(1, LEAKS.findIn("log", "GET /v0/hosties/" + TOKEN.reveal() + " 200").size());
        assertEquals(1, LEAKS.findIn("log", "upper " + TOKEN.reveal().toUpperCase()).size());
        assertEquals(1, LEAKS.findIn("log", "uuid only 5c0c4c34-9c2b-4f7e-9b1a-0e2d8a7f6b3c").size());
        Token odd = Token.of("abc$def:ghijklmnopq_rstuvwxyz");
        assertEquals(List.of("url: " + odd.masked() + " (encoded)"),
                TokenLeaks.of(odd).findIn("url", "https://x/v0/hosties/abc%24def%3Aghijklmnopq_rstuvwxyz"));
        assertEquals(List.of(), LEAKS.findIn("log", "masked " + TOKEN.masked() + " " + TOKEN));
    }

    @Test
    void findsATokenCutShortButNotItsMask() {
        assertEquals(List.of("log: " + TOKEN.masked() + " (in part)"), LEAKS.findIn("log", "id puppet_x_5c0c4c34-9c2b-4f7e…"));
        assertEquals(List.of(), LEAKS.findIn("log", "id puppet_x_5c0c4c34-9c…"));
        Token legacy = Token.of("my-old-provider-secret-0123456789");
        assertEquals(1, TokenLeaks.of(legacy).findIn("log", "provider-secret").size());
        assertEquals(List.of(), TokenLeaks.of(legacy).findIn("log", legacy.masked()));
    }

    @Test
    void failsNamingTheTokenMaskedOnly() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> LEAKS.assertNoneIn("stdout", "token=" + TOKEN.reveal()));
        assertTrue(e.getMessage().contains(TOKEN.masked()), e.getMessage());
        assertEquals(List.of(), LEAKS.findIn("failure message", e.getMessage()));
    }

    @Test
    void looksIntoCausesAndFiles(@TempDir Path dir) throws IOException {
        Exception nested = new IllegalStateException("outer", new IOException("inner " + TOKEN.reveal()));
        assertThrows(AssertionFailedError.class, () -> LEAKS.assertNoneIn("exception", nested));

        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/app.log"), "fine\n");
        LEAKS.assertNoneUnder(dir);
        Files.writeString(dir.resolve("logs/app.log.1"), "oops " + TOKEN.reveal());
        assertThrows(AssertionFailedError.class, () -> LEAKS.assertNoneUnder(dir));
    }
}
