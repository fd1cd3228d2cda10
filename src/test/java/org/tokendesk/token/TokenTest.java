package org.tokendesk.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class TokenTest {
    @Test
    void sniIsThePartBeforeTheLastUnderscoreLowerCased() {
        assertEquals(Optional.of("puppet_padlocal"), Token.of("puppet_padlocal_5c0c4c34-8a1e-4b4e-9d2f-0a1b2c3d4e5f").sni());
        assertEquals(Optional.of("insecure"), Token.of("insecure_abc").sni());
        assertEquals(Optional.of("puppet_workpro"), Token.of("PUPPET_WorkPro_abc").sni());
        assertEquals(Optional.of("uuid"), Token.of("uuid_").sni());
    }

    @Test
    void noUnderscoreOrOnlyALeadingOneMeansNoSni() {
        assertEquals(Optional.empty(), Token.of("5c0c4c34-8a1e-4b4e-9d2f-0a1b2c3d4e5f").sni());
        assertEquals(Optional.empty(), Token.of("_abc").sni());
    }

    @Test
    void aLongTokenShowsItsFirstEightAndLastFourCharacters() {
        Token t = Token.of("puppet_padlocal_5c0c4c34-8a1e-4b4e-9d2f-0a1b2c3d4e5f");
        assertEquals("puppet_p…4e5f", t.masked());
        assertEquals("Token[puppet_p…4e5f]", t.toString());
    }

    @Test
    void noMaskEverShowsTheWholeTokenOrMoreThanHalfOfIt() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(5);
        for (int n = 1; n <= Token.MAX_LENGTH; n++) {
            String secret = alphabet.substring(0, n);
            String mask = Token.of(secret).masked();
            int shown = mask.replace("…", "").length();
            assertFalse(mask.contains(secret), mask);
            assertTrue(shown <= Math.max(0, n / 2), n + " chars: " + mask);
            assertTrue(mask.contains("…"), mask);
        }
    }

    @Test
    void ofRefusesInvalidStringsWithAMaskedMessage() {
        String secret = "insecure_verysecretvalue/with-a-slash-inside";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Token.of(secret));
        assertFalse(e.getMessage().contains(secret));
        assertFalse(e.getMessage().contains("verysecretvalue"));
        assertThrows(IllegalArgumentException.class, () -> Token.of(null));
        assertThrows(IllegalArgumentException.class, () -> Token.of(""));
    }

    @Test
    void equalityIsByValue() {
        assertEquals(Token.of("insecure_a"), Token.of("insecure_a"));
        assertEquals(Token.of("insecure_a").hashCode(), Token.of("insecure_a").hashCode());
        assertFalse(Token.of("insecure_a").equals(Token.of("insecure_A")));
    }
}
