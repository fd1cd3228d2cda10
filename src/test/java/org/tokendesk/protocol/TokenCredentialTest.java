package org.tokendesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class TokenCredentialTest {
    static final String T = "insecure_5c0c4c34-1111-4222-8333-444455556666";

    static TokenCredential found(String header, String path) {
        return assertInstanceOf(TokenCredential.Found.class, TokenCredential.read(header, path)).credential();
    }

    static TokenCredential.Missing missing(String header, String path) {
        return assertInstanceOf(TokenCredential.NotFound.class, TokenCredential.read(header, path)).why();
    }

    @Test
    void theHeaderSchemeMatchesWithoutCase() {
        assertEquals("Token " + T, TokenCredential.header(T));
        for (String h : new String[] {"Token " + T, "token " + T, "TOKEN   " + T + "  ", "  tOkEn\t" + T}) {
            assertEquals(new TokenCredential(T, TokenCredential.Source.AUTHORIZATION_HEADER), found(h, "/v0/websocket"), h);
        }
    }

    @Test
    void aPathEndingInTokenCarriesItToo() {
        assertEquals(new TokenCredential(T, TokenCredential.Source.PATH), found(null, "/v0/websocket/token/" + T));
        assertEquals(TokenCredential.Source.AUTHORIZATION_HEADER, found("Token " + T, "/v0/websocket/token/other").source());
        assertEquals(TokenCredential.Source.PATH, found("Bearer x", "/v0/websocket/token/" + T).source());
    }

    @Test
    void noTokenSaysWhy() {
        assertEquals(TokenCredential.Missing.NONE, missing(null, "/v0/websocket"));
        assertEquals(TokenCredential.Missing.NONE, missing("  ", null));
        assertEquals(TokenCredential.Missing.OTHER_SCHEME, missing("Bearer " + T, "/v0/websocket"));
        assertEquals(TokenCredential.Missing.OTHER_SCHEME, missing("Tokens " + T, null));
        assertEquals(TokenCredential.Missing.EMPTY, missing("Token", null));
        assertEquals(TokenCredential.Missing.EMPTY, missing("Token   ", null));
        assertEquals(TokenCredential.Missing.EMPTY, missing(null, "/v0/websocket/token/"));
        assertEquals(TokenCredential.Missing.MALFORMED, missing(null, "/v0/websocket/token/a/b"));
        assertEquals(TokenCredential.Missing.MALFORMED, missing("Token " + "x".repeat(300), null));
    }

    @Test
    void itsTextNeverHoldsTheWholeToken() {
        assertFalse(found("Token " + T, null).toString().contains(T));
    }
}
