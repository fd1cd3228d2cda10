package org.tokendesk.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.tokendesk.token.Token;

class TokenReadingTest {
    private static final String ID = "5c0c4c34-1b2d-4e8f-9a0b-1c2d3e4f5a6b";

    private static TokenReading read(String token) {
        return TokenReading.of(Token.of(token));
    }

    @Test
    void knownPrefixesNameTheirProvider() {
        assertEquals(TokenReading.Provider.PADLOCAL, read("puppet_padlocal_" + ID).provider());
        assertEquals(TokenReading.Provider.WORKPRO, read("puppet_workpro_" + ID).provider());
        assertEquals(TokenReading.Provider.WXWORK, read("puppet_wxwork_" + ID).provider());
        assertEquals(TokenReading.Provider.PAIMON, read("puppet_paimon_" + ID).provider());
        assertEquals(TokenReading.Renewal.CLOSED, read("puppet_donut_" + ID).provider().renewal());
        assertEquals(TokenReading.Provider.INSECURE, read("insecure_" + ID).provider());
        assertEquals(TokenReading.Provider.UUID, read("uuid_" + ID).provider());
        assertEquals(TokenReading.Provider.OTHER, read("acme_" + ID).provider());
        assertEquals(List.of(), read("puppet_padlocal_" + ID).warnings());
    }

    @Test
    void aBareTokenHasNoPrefix() {
        TokenReading reading = read(ID);
        assertEquals(Optional.empty(), reading.sni());
        assertEquals(List.of(TokenReading.Warning.NO_PREFIX), reading.warnings());
    }

    @Test
    void insecureInFrontOfAProviderPrefixLooksAddedByHand() {
        TokenReading reading = read("insecure_puppet_padlocal_" + ID);
        assertEquals(TokenReading.Provider.PADLOCAL, reading.provider());
        assertEquals(List.of(TokenReading.Warning.PREFIX_ADDED_BY_HAND), reading.warnings());
    }

    @Test
    void capitalsAndCutTokensAreNoticed() {
        assertEquals(List.of(TokenReading.Warning.MIXED_CASE_PREFIX), read("puppet_PadLocal_" + ID).warnings());
        assertEquals(List.of(TokenReading.Warning.NOT_A_UUID_AFTER_PREFIX), read("puppet_padlocal_" + ID.substring(0, 20)).warnings());
    }
}
