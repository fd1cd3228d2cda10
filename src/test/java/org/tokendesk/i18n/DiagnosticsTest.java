package org.tokendesk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tokendesk.Version;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.everywhere.RegistryOutcome;
import org.tokendesk.everywhere.Sweep;
import org.tokendesk.everywhere.Verdict;
import org.tokendesk.everywhere.Everywhere;

/** The shareable report: everything needed to help, and no token anyone could use. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiagnosticsTest {
    private static final Duration MS = Duration.ofMillis(42);

    @BeforeEach
    void english() {
        Text.use("en");
    }

    @AfterEach
    void back() {
        Text.use("en");
    }

    /** No token whole, nor its URL form, nor 12 characters in a row of its secret part, anywhere in {@code text}. */
    private static void assertNoToken(String text, Token... tokens) {
        TokenLeaks.of(tokens).assertNoneIn("the report", text);
    }

    private static Sweep sweep(Token token, Registry chosen, RegistryOutcome... outcomes) {
        return new Sweep(token, chosen, List.of(outcomes), Duration.ofMillis(130));
    }

    @Test
    void aReportFromRealLookupsHoldsNoToken() throws Exception {
        Token known = Token.of("puppet_workpro_" + UUID.randomUUID());
        Token unknown = Token.of("insecure_" + UUID.randomUUID());
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        DiscoveryClient discovery = new DiscoveryClient(http, 4);
        try (RegistryStub chosen = RegistryStub.start();
                RegistryStub other = RegistryStub.start().register(known.reveal(), "127.0.0.1", 9001)) {
            Everywhere everywhere = new Everywhere(discovery);
            List<Registry> ask = List.of(other.registry(), RegistryStub.down());
            Sweep a = everywhere.check(known, chosen.registry(), ask, o -> { }).get(30, TimeUnit.SECONDS);
            Sweep b = everywhere.check(unknown, chosen.registry(), ask, o -> { }).get(30, TimeUnit.SECONDS);
            RegistryList list = RegistryList.builtInOnly();

            String report = Diagnostics.markdown(List.of(a, b), list, Diagnostics.Environment.current(), false);

            assertNoToken(report, known, unknown);
            assertTrue(report.contains("TokenDesk " + Version.current()), report);
            assertTrue(report.contains(System.getProperty("java.version")), report);
            assertTrue(report.contains("| Registry | Answer | Time |"), report);
            assertTrue(report.contains("`" + known.masked() + "`"), report);
            assertTrue(report.contains("**Verdict:** Registered at " + other.registry().displayName()), report);
            assertTrue(report.contains("127.0.0.1:9001"), "loopback addresses are the diagnosis, kept whole: " + report);
            assertTrue(report.contains("`api.chatie.io` (built in)"), report);

            Text.use("zh_CN");
            String chinese = Diagnostics.markdown(List.of(a, b), list, Diagnostics.Environment.current(), false);
            assertNoToken(chinese, known, unknown);
            assertTrue(chinese.contains("| 注册中心 | 应答 | 耗时 |"), chinese);
        } finally {
            discovery.close();
            Http.shutdown(http);
        }
    }

    @Test
    void aTokenThatSlippedIntoAnErrorDetailIsMaskedToo() {
        Token t = Token.of("puppet_padlocal_" + UUID.randomUUID());
        Lookup leaky = new Lookup.Failed(Lookup.Failure.HTTP_STATUS, "HTTP 502 from https://api.chatie.io/v0/hosties/" + t.reveal(), MS);
        String report = Diagnostics.markdown(List.of(sweep(t, Registry.CHATIE, new RegistryOutcome(Registry.CHATIE, leaky))),
                RegistryList.builtInOnly(), new Diagnostics.Environment("9.9.9", "TestOS 1 (x)", "17 (Test)"), false);
        assertNoToken(report, t);
        assertTrue(report.contains(t.masked()), report);
    }

    @Test
    void publicAddressesAreShortenedUnlessAskedNot() {
        Token t = Token.of("insecure_" + UUID.randomUUID());
        Sweep s = sweep(t, Registry.CHATIE,
                new RegistryOutcome(Registry.CHATIE, new Lookup.NotRegistered(404, MS)),
                new RegistryOutcome(Registry.JUZIBOT, new Lookup.Resolved("203.0.113.7", 8788, MS)));
        Diagnostics.Environment env = new Diagnostics.Environment("9.9.9", "TestOS 1 (x)", "17 (Test)");

        String shared = Diagnostics.markdown(List.of(s), RegistryList.builtInOnly(), env, false);
        assertTrue(shared.contains("resolves → 203.0.x.x:8788"), shared);
        assertFalse(shared.contains("203.0.113.7"), shared);
        String full = Diagnostics.markdown(List.of(s), RegistryList.builtInOnly(), env, true);
        assertTrue(full.contains("resolves → 203.0.113.7:8788"), full);
        assertNoToken(full, t);
        assertTrue(full.contains("WECHATY_PUPPET_SERVICE_AUTHORITY=token-service-discovery-test.juzibot.com"), full);
        assertTrue(full.contains("| `api.chatie.io` (your SDK asks this one) | not registered (HTTP 404) | 42 ms |"), full);
    }

    @Test
    void anAddressInAFixLineIsShortenedToo() {
        Token t = Token.of("insecure_" + UUID.randomUUID());
        Registry own = Registry.tryParse("http://registry.example.net:8080").orElseThrow();
        Sweep s = sweep(t, Registry.CHATIE,
                new RegistryOutcome(Registry.CHATIE, new Lookup.NotRegistered(404, MS)),
                new RegistryOutcome(own, new Lookup.Resolved("198.51.100.23", 8788, MS)));
        String shared = Diagnostics.markdown(List.of(s), RegistryList.builtInOnly(),
                new Diagnostics.Environment("9.9.9", "TestOS 1 (x)", "17 (Test)"), false);
        assertFalse(shared.contains("198.51.100.23"), shared);
        assertTrue(shared.contains("WECHATY_PUPPET_SERVICE_ENDPOINT=198.51.x.x:8788"), shared);
    }

    @Test
    void shortenKeepsWhatDiagnosesAndCutsWhatIdentifies() {
        assertEquals("127.0.0.1", Diagnostics.shorten("127.0.0.1"));
        assertEquals("0.0.0.0", Diagnostics.shorten("0.0.0.0"));
        assertEquals("192.168.1.20", Diagnostics.shorten("192.168.1.20"));
        assertEquals("172.20.0.3", Diagnostics.shorten("172.20.0.3"));
        assertEquals("8.8.x.x", Diagnostics.shorten("8.8.4.4"));
        assertEquals("…ddns.net", Diagnostics.shorten("my-home.ddns.net"));
        assertEquals("2001:db8:…", Diagnostics.shorten("2001:db8::5"));
        assertEquals("::1", Diagnostics.shorten("::1"));
    }
}
