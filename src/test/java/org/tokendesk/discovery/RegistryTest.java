package org.tokendesk.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.tokendesk.token.Token;

class RegistryTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "api.chatie.io | https://api.chatie.io",
        "'  api.chatie.io  ' | https://api.chatie.io",
        "API.Chatie.IO:443 | https://api.chatie.io:443",
        "https://api.chatie.io/ | https://api.chatie.io",
        "HTTP://192.168.1.5:8080 | http://192.168.1.5:8080",
        "http://127.0.0.1:8788/registry/ | http://127.0.0.1:8788/registry",
        "https://api.chatie.io/v0/hosties/insecure_abc | https://api.chatie.io",
        "http://[::1]:8080 | http://[::1]:8080",
    })
    void readsWhatUsersType(String input, String expected) {
        assertEquals(URI.create(expected), assertInstanceOf(RegistryParse.Valid.class, Registry.parse(input)).registry().baseUrl());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'' | EMPTY",
        "'   ' | EMPTY",
        "api.chatie .io | WHITESPACE_INSIDE",
        "ftp://api.chatie.io | SCHEME",
        "wss://api.chatie.io | SCHEME",
        "https:// | MALFORMED",
        "https:///registry | NO_HOST",
        "https://user:pw@api.chatie.io | USER_INFO",
        "https://api.chatie.io/?x=1 | QUERY",
        "https://api.chatie.io/#top | QUERY",
        "api.chatie.io:0 | PORT",
        "api.chatie.io:70000 | PORT",
    })
    void refusesWhatCannotBeARegistry(String input, RegistryParse.Reason reason) {
        assertEquals(reason, assertInstanceOf(RegistryParse.Invalid.class, Registry.parse(input)).reason());
    }

    @Test
    void aPastedLookupUrlThatCannotBeUsedIsNotEchoedWithItsToken() {
        RegistryParse.Invalid invalid = assertInstanceOf(RegistryParse.Invalid.class,
                Registry.parse("https://api.chatie.io/v0/hosties/puppet_padlocal_5c0c4c34-8a1e-4b4e?debug=1"));
        assertEquals(RegistryParse.Reason.QUERY, invalid.reason());
        assertEquals("https://api.chatie.io/v0/hosties/puppet_p…4b4e?debug=1", invalid.input());
    }

    @Test
    void followsTheSdkAuthorityVariableAsTheSdksDo() {
        assertEquals(Registry.CHATIE, Registry.fromEnvironment(Map.of()));
        assertEquals(URI.create("https://token-service-discovery-test.juzibot.com"),
                Registry.fromEnvironment(Map.of("WECHATY_PUPPET_SERVICE_AUTHORITY", "token-service-discovery-test.juzibot.com ")).baseUrl());
        assertEquals(Registry.CHATIE, Registry.fromEnvironment(Map.of("WECHATY_PUPPET_SERVICE_AUTHORITY", "bad host")));
    }

    @Test
    void buildsTheLookupAndWebSocketUrls() {
        Registry chatie = Registry.CHATIE;
        assertEquals("https://api.chatie.io/v0/hosties/insecure_abc", chatie.hostiesUrl(Token.of("insecure_abc")).toString());
        assertEquals(URI.create("wss://api.chatie.io/v0/websocket"), chatie.websocketUrl());
        Registry lan = Registry.tryParse("http://192.168.1.5:8080/r").orElseThrow();
        assertEquals("http://192.168.1.5:8080/r/v0/hosties/insecure_abc", lan.hostiesUrl(Token.of("insecure_abc")).toString());
        assertEquals(URI.create("ws://192.168.1.5:8080/r/v0/websocket"), lan.websocketUrl());
        assertEquals("api.chatie.io", chatie.displayName());
        assertEquals("http://192.168.1.5:8080/r", lan.displayName());
    }

    @Test
    void knowsLoopback() {
        assertTrue(Registry.tryParse("http://127.0.0.1:1").orElseThrow().isLoopback());
        assertTrue(Registry.tryParse("http://localhost:1").orElseThrow().isLoopback());
        assertTrue(Registry.tryParse("http://[::1]:1").orElseThrow().isLoopback());
        assertFalse(Registry.CHATIE.isLoopback());
    }
}
