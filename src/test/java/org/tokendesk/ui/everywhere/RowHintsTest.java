package org.tokendesk.ui.everywhere;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import org.tokendesk.discovery.Registry;

/** A row names the registry that knows the token in few characters, still telling the public two apart. */
class RowHintsTest {
    private static String shortName(String registry) {
        return RowHints.shortName(Registry.tryParse(registry).orElseThrow());
    }

    @Test
    void longHostNamesKeepTheirLastTwoLabels() {
        assertEquals("…juzibot.com", RowHints.shortName(Registry.JUZIBOT));
        assertEquals("…chatie.io", RowHints.shortName(Registry.CHATIE));
        assertEquals("…example.com:8443", shortName("registry.example.com:8443"));
    }

    @Test
    void addressesShortNamesAndUrlsStayWhole() {
        assertEquals("http://192.168.1.5:8080", shortName("http://192.168.1.5:8080"));
        assertEquals("10.0.0.1", shortName("10.0.0.1"));
        assertEquals("example.com", shortName("example.com"));
        assertEquals("localhost:9000", shortName("localhost:9000"));
        assertEquals("https://discovery.example.org/wechaty", shortName("https://discovery.example.org/wechaty"));
    }
}
