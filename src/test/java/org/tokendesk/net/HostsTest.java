package org.tokendesk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostsTest {

    @Test
    void loopbackInEverySpelling() {
        for (String host : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]",
                "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "[::ffff:127.0.0.1]", "::FFFF:127.9.9.9"}) {
            assertTrue(Hosts.isLoopback(host), host);
        }
    }

    @Test
    void notLoopback() {
        for (String host : new String[] {"203.0.113.7", "0.0.0.0", "::", "::ffff:203.0.113.7", "2001:db8::1",
                "127.example.com", "localhost.example.com", "api.chatie.io", "", "[", "::1x", "999.0.0.1"}) {
            assertFalse(Hosts.isLoopback(host), host);
        }
        assertFalse(Hosts.isLoopback(null));
    }

    @Test
    void hostPortBracketsIpv6Once() {
        assertEquals("203.0.113.7:8788", Hosts.hostPort("203.0.113.7", 8788));
        assertEquals("puppet.example.com:443", Hosts.hostPort("puppet.example.com", 443));
        assertEquals("[2001:db8::1]:8788", Hosts.hostPort("2001:db8::1", 8788));
        assertEquals("[::1]:1", Hosts.hostPort("[::1]", 1));
    }
}
