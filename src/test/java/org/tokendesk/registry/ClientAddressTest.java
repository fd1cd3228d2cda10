package org.tokendesk.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.tokendesk.token.Token;

class ClientAddressTest {
    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() {
        ClientAddress proxies = new ClientAddress(Set.of("10.0.0.2"));
        assertEquals("203.0.113.7", proxies.of("10.0.0.2", List.of("203.0.113.7")));
        // The rightmost hop that is not a trusted proxy: what a client writes itself on the left is ignored.
        assertEquals("198.51.100.9", proxies.of("10.0.0.2", List.of("1.2.3.4, 198.51.100.9, 10.0.0.2")));
        assertEquals("192.0.2.50", proxies.of("192.0.2.50", List.of("203.0.113.7")));
        assertEquals("192.0.2.50", ClientAddress.NO_PROXIES.of("192.0.2.50", List.of("203.0.113.7")));
        // A hop that is no IP literal (a name would mean a DNS lookup) stops the walk at the proxy.
        assertEquals("10.0.0.2", proxies.of("10.0.0.2", List.of("evil.example.org")));
        assertEquals("::1", ClientAddress.NO_PROXIES.of("[0:0:0:0:0:0:0:1]", List.of()));
    }

    @Test
    void allowListTakesTokensAndSniPrefixesAndRefusesWhatIsNoToken() {
        String token = "insecure_5c0c4c34-6b3a-4f0e-9b1e-0d2a6c7e8f90";
        AllowList list = assertInstanceOf(AllowList.Read.Loaded.class,
                AllowList.parse(List.of("# comment", "", token, "puppet_padlocal_*", "Puppet_WorkPro*"))).list();
        assertTrue(list.permits(Token.of(token)));
        assertTrue(list.permits(Token.of("puppet_padlocal_1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")));
        assertTrue(list.permits(Token.of("puppet_workpro_1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")));
        assertFalse(list.permits(Token.of("insecure_0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")));
        assertFalse(list.permits(Token.of("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")));
        assertEquals(3, list.size());
        AllowList.Read.Bad bad = assertInstanceOf(AllowList.Read.Bad.class, AllowList.parse(List.of(token, "two words")));
        assertEquals(2, bad.problems().get(0).line());
        assertFalse(list.toString().contains("5c0c4c34"));
    }
}
