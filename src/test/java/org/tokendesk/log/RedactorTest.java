package org.tokendesk.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.tokendesk.token.Token;

class RedactorTest {
    private static final String UUID = "5c0c4c34-9b1f-4c8e-a3d2-7f1e2d3c4b5a";
    private final Redactor redactor = new Redactor();

    @Test
    void masksModernTokensWithTheirWholePrefix() {
        String token = "puppet_padlocal_" + UUID;
        String out = redactor.redact("GET https://api.chatie.io/v0/hosties/" + token + " -> 404");
        assertEquals("GET https://api.chatie.io/v0/hosties/" + Token.mask(token) + " -> 404", out);
        assertFalse(out.contains("9b1f"), out);
    }

    @Test
    void masksBareUuidsAndUpperCaseHex() {
        String upper = UUID.toUpperCase();
        String out = redactor.redact("old token " + upper + " and " + UUID + ".");
        assertEquals("old token " + Token.mask(upper) + " and " + Token.mask(UUID) + ".", out);
    }

    @Test
    void masksUuidsGluedToOtherText() {
        String out = redactor.redact("id-" + UUID + "tail");
        assertFalse(out.contains("9b1f-4c8e"), out);
    }

    @Test
    void masksRememberedTokensOfAnyShapeAlsoPercentEncoded() {
        Token odd = Token.of("key:abc+def=ghi&jklmnopqrs");
        String before = redactor.redact("lookup of key:abc+def=ghi&jklmnopqrs failed");
        assertTrue(before.contains("jklmnop"), "not token-shaped, so not masked until remembered");

        redactor.remember(odd);
        String out = redactor.redact("lookup of key:abc+def=ghi&jklmnopqrs at /v0/hosties/key%3Aabc%2Bdef%3Dghi%26jklmnopqrs failed");
        assertFalse(out.contains("jklmnop"), out);
        assertTrue(out.contains(Token.mask("key:abc+def=ghi&jklmnopqrs")), out);

        redactor.forget(odd);
        assertTrue(redactor.redact("key:abc+def=ghi&jklmnopqrs").contains("jklmnop"));
    }

    @Test
    void masksAuthorizationHeaderValues() {
        String out = redactor.redact("Authorization: Token some-provider-secret-value\nauthorization: Wechaty s3cr3t-v4lue-xyz");
        assertFalse(out.contains("provider-secret"), out);
        assertFalse(out.contains("s3cr3t-v4lue"), out);
        assertTrue(out.startsWith("Authorization: Token "), out);
    }

    @Test
    void leavesOrdinaryTextAndAlreadyMaskedTokensAlone() {
        String masked = Token.mask("puppet_padlocal_" + UUID);
        String text = "3 of 5 tokens online; " + masked + " resolved to 10.0.0.1:8788";
        assertEquals(text, redactor.redact(text));
    }
}
