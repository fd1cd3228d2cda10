package org.tokendesk.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.tokendesk.testing.Hostile;

/** A registry's answer or a typed registry address holding anything: a typed outcome, never an exception. */
class DiscoveryParsePropertyTest {
    private static final Registry REMOTE = Registry.CHATIE;

    @Provide
    Arbitrary<byte[]> answers() {
        Arbitrary<byte[]> hostieShaped = Arbitraries.randomValue(random -> {
            StringBuilder b = new StringBuilder("{");
            String[] keys = {"host", "ip", "port"};
            for (int i = 0; i < keys.length; i++) {
                if (random.nextInt(4) > 0) {
                    b.append(b.length() > 1 ? "," : "").append('"').append(keys[i]).append("\":")
                            .append(Hostile.json(random));
                }
            }
            return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
        });
        return Arbitraries.oneOf(Hostile.bytes(), hostieShaped, Hostile.strings().map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> urlShaped = Arbitraries.randomValue(random -> {
            String[] schemes = {"", "http://", "https://", "HTTPS://", "ftp://", "://", "http:/"};
            String[] hosts = {"api.chatie.io", "127.0.0.1", "[::1]", "[::1", "::1", "a_b.example", "", "xn--fiqs8s", "例え.jp", "%41", "user@host"};
            String[] ports = {"", ":8080", ":0", ":65536", ":-1", ":99999999999", ":abc", ":"};
            String[] paths = {"", "/", "/v0/hosties/insecure_abc", "/base/", "?q=1", "#f", "/a b", "//x"};
            return schemes[random.nextInt(schemes.length)] + hosts[random.nextInt(hosts.length)]
                    + ports[random.nextInt(ports.length)] + paths[random.nextInt(paths.length)];
        });
        return Arbitraries.oneOf(Hostile.strings(), urlShaped);
    }

    @Property(tries = 1000)
    void anyAnswerIsAnOutcomeAndOnlyAUsableOneResolves(@ForAll("answers") byte[] body) {
        Lookup lookup = DiscoveryClient.parseAnswer(REMOTE, 200, body, Duration.ZERO);
        if (lookup instanceof Lookup.Resolved r) {
            assertTrue(r.port() >= 1 && r.port() <= 65535);
            assertTrue(r.host().matches("[A-Za-z0-9._:%-]{1,253}"), r.host());
            assertFalse(r.host().startsWith("127.") || r.host().equals("0.0.0.0"));
        } else if (lookup instanceof Lookup.Failed f) {
            assertEquals(Lookup.Failure.MALFORMED, f.failure());
            assertTrue(f.detail().length() <= 60, f.detail());
            assertTrue(f.detail().codePoints().noneMatch(Character::isISOControl), f.detail());
        } else if (lookup instanceof Lookup.Unreachable u) {
            assertTrue(u.port() >= 1 && u.port() <= 65535);
        } else {
            assertInstanceOf(Lookup.NotRegistered.class, lookup);
        }
    }

    @Property(tries = 1000)
    void anyAddressIsARegistryOrAReason(@ForAll("addresses") String typed) {
        RegistryParse parse = Registry.parse(typed);
        if (parse instanceof RegistryParse.Valid v) {
            Registry r = v.registry();
            assertTrue(r.baseUrl().getScheme().equals("http") || r.baseUrl().getScheme().equals("https"));
            assertFalse(r.baseUrl().getHost().isEmpty());
            assertEquals(parse, Registry.parse(r.baseUrl().toString()), "a parsed registry parses to itself");
            r.websocketUrl();
        } else {
            RegistryParse.Invalid invalid = assertInstanceOf(RegistryParse.Invalid.class, parse);
            assertFalse(invalid.input().contains("insecure_abc"), "the address echoed back carries no token");
        }
    }
}
