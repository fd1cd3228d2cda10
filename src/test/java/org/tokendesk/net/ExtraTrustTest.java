package org.tokendesk.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** A grant covers the names and the port it was given, however an address is spelled, and nothing else. */
class ExtraTrustTest {
    private static ExtraTrust.Grant grant(Set<String> hosts, int port) {
        return new ExtraTrust.Grant(hosts, port, null, null, null);
    }

    @Test
    void theGrantedNamesAtTheGrantedPortOnly() {
        ExtraTrust.Grant g = grant(Set.of("localhost", "127.0.0.1"), 8780);
        assertTrue(g.covers("LOCALHOST", 8780));
        assertTrue(g.covers("127.0.0.1", 8780));
        assertFalse(g.covers("127.0.0.1", 8781), "another port is another service");
        assertFalse(g.covers("api.chatie.io", 8780));
        assertFalse(g.covers("127.0.0.2", 8780));
    }

    @Test
    void ipv6IsOneAddressHoweverItIsWritten() {
        ExtraTrust.Grant g = grant(Set.of("0:0:0:0:0:0:0:1"), 8780);
        assertTrue(g.covers("::1", 8780));
        assertTrue(g.covers("[::1]", 8780));
    }

    @Test
    void nothingIsCoveredBeforeAGrantOrAfterItsRevocation() {
        ExtraTrust trust = new ExtraTrust();
        assertTrue(trust.forAddress("127.0.0.1", 8780).isEmpty());
        trust.revoke();
        assertTrue(trust.forAddress("127.0.0.1", 8780).isEmpty());
    }
}
