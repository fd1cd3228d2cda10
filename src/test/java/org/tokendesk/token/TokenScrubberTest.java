package org.tokendesk.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Known tokens never leave in text whole, in any form they are written. */
class TokenScrubberTest {
    private static final Token MODERN = Token.of("puppet_padlocal_5c0c4c34-8f1e-4a57-9c3b-0f6e2d1a9b77");
    private static final Token LEGACY = Token.of("my-old-provider-secret-0123456789");

    @Test
    void masksKnownTokensWhereverTheyStand() {
        String text = "token=" + MODERN.reveal() + ", backup " + LEGACY.reveal() + ".";
        String scrubbed = TokenScrubber.of(List.of(MODERN, LEGACY)).scrub(text);
        assertEquals("token=" + MODERN.masked() + ", backup " + LEGACY.masked() + ".", scrubbed);
    }

    @Test
    void masksTheUrlEncodedFormToo() {
        Token odd = Token.of("provider:secret+value~0123456789abcdef");
        String url = "GET /v0/hosties/provider%3Asecret%2Bvalue%7E0123456789abcdef";
        String scrubbed = TokenScrubber.of(List.of(odd)).scrub(url);
        assertEquals("GET /v0/hosties/" + odd.masked(), scrubbed);
    }

    @Test
    void aTokenInsideALongerOneIsNotMaskedTwice() {
        Token shorter = Token.of("abcdefghijklmnopqrstuvwxyz");
        Token longer = Token.of("abcdefghijklmnopqrstuvwxyz_0123456789");
        String scrubbed = TokenScrubber.of(List.of(shorter, longer)).scrub(longer.reveal() + " " + shorter.reveal());
        assertEquals(longer.masked() + " " + shorter.masked(), scrubbed);
    }

    @Test
    void tokenShapedStringsThatTheListDoesNotKnowAreMaskedOnRequest() {
        String log = "dialing for insecure_0a1b2c3d-1111-4222-8333-444455556666 and 9f8e7d6c-5b4a-4321-8765-0fedcba98765";
        String scrubbed = TokenScrubber.of(List.of()).scrubAll(log);
        assertFalse(scrubbed.contains("444455556666"), scrubbed);
        assertFalse(scrubbed.contains("0fedcba98765"), scrubbed);
        assertEquals("dialing for " + Token.mask("insecure_0a1b2c3d-1111-4222-8333-444455556666") + " and "
                + Token.mask("9f8e7d6c-5b4a-4321-8765-0fedcba98765"), scrubbed);
    }

    @Test
    void textWithoutTokensIsUnchanged() {
        String text = "api.chatie.io answered 404 in 120 ms";
        assertEquals(text, TokenScrubber.of(List.of(MODERN)).scrubAll(text));
    }

    @Test
    void aListOfTensOfThousandsScrubsLineByLineQuickly() {
        List<Token> many = new java.util.ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(Token.of(String.format("insecure_%08x-aaaa-4bbb-8ccc-%012x", i, i)));
        }
        TokenScrubber scrubber = TokenScrubber.of(many);
        long start = System.nanoTime();
        for (int i = 0; i < 7_000; i++) {
            Token t = many.get(i * 7);
            assertEquals("x " + t.masked() + " y", scrubber.scrub("x " + t.reveal() + " y"));
        }
        assertFalse(System.nanoTime() - start > 5_000_000_000L, "7,000 lines took over 5 s");
        Token shortOne = Token.of("abcdef");
        Token longOne = Token.of("abcdefghijklmnopcdef");
        assertEquals("short " + longOne.masked() + " and " + shortOne.masked(),
                TokenScrubber.of(List.of(shortOne, longOne)).scrub("short abcdefghijklmnopcdef and abcdef"));
    }
}
