package org.tokendesk.everywhere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.EverywhereWords;

/** The verdict and its words, from outcomes as the registries give them. */
class VerdictTest {
    private static final Duration MS = Duration.ofMillis(50);
    private static final Registry OWN = Registry.tryParse("http://192.168.1.5:8080").orElseThrow();

    @BeforeEach
    void english() {
        Text.use("en");
    }

    @AfterEach
    void back() {
        Text.use("en");
    }

    private static RegistryOutcome at(Registry r, Lookup l) {
        return new RegistryOutcome(r, l);
    }

    private static Lookup resolved() {
        return new Lookup.Resolved("203.0.113.7", 8788, MS);
    }

    private static Lookup notRegistered() {
        return new Lookup.NotRegistered(404, MS);
    }

    private static Lookup failed() {
        return new Lookup.Failed(Lookup.Failure.TIMEOUT, "timeout", MS);
    }

    @Test
    void registeredAtTheOtherPublicRegistry() {
        Verdict v = Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, notRegistered()), at(Registry.JUZIBOT, resolved())));
        assertInstanceOf(Verdict.RegisteredElsewhere.class, v);
        assertEquals("Registered at token-service-discovery-test.juzibot.com, not at api.chatie.io.", EverywhereWords.headline(v));
        List<String> lines = EverywhereWords.explanation(v);
        assertEquals("Your SDK asks api.chatie.io, so it reports “token does not exist” although the token is fine.", lines.get(0));
        assertEquals("Set WECHATY_PUPPET_SERVICE_AUTHORITY=token-service-discovery-test.juzibot.com where your bot runs and restart it: "
                + "the SDK then asks token-service-discovery-test.juzibot.com.", lines.get(1));
    }

    @Test
    void theChosenRegistryFailingIsSaidAsSuch() {
        Verdict v = Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, failed()), at(Registry.JUZIBOT, resolved())));
        assertEquals("Registered at token-service-discovery-test.juzibot.com. api.chatie.io could not be asked: "
                + "error: the registry did not answer in time (timeout)", EverywhereWords.headline(v));
    }

    @Test
    void registeredAtTheChosenOneIsFine() {
        Verdict v = Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, resolved()), at(Registry.JUZIBOT, notRegistered())));
        Verdict.FineAtChosen fine = assertInstanceOf(Verdict.FineAtChosen.class, v);
        assertFalse(fine.serviceUnreachable());
        assertEquals("api.chatie.io knows this token, and it is the registry your SDK asks: nothing to change.", EverywhereWords.headline(v));
        assertEquals(List.of(), EverywhereWords.explanation(v));
    }

    @Test
    void registeredButUnreachableAtTheChosenOneSaysSo() {
        Verdict v = Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, new Lookup.Unreachable("203.0.113.7", 8788, MS))));
        assertTrue(assertInstanceOf(Verdict.FineAtChosen.class, v).serviceUnreachable());
        assertTrue(EverywhereWords.headline(v).contains("cannot reach the service"));
    }

    @Test
    void registeredNowhereSaysWhatThatUsuallyMeans() {
        Verdict v = Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, notRegistered()), at(Registry.JUZIBOT, notRegistered())));
        assertEquals("Not registered at any of the 2 registries asked (api.chatie.io and token-service-discovery-test.juzibot.com).",
                EverywhereWords.headline(v));
        String detail = String.join(" ", EverywhereWords.explanation(v));
        assertTrue(detail.contains("not running"), detail);
        assertTrue(detail.contains("expired"), detail);
        assertTrue(detail.contains("never registered"), detail);
    }

    @Test
    void severalAreNamed() {
        Verdict v = Verdict.of(OWN, List.of(at(OWN, notRegistered()), at(Registry.CHATIE, resolved()), at(Registry.JUZIBOT, resolved())));
        assertEquals("Registered at 2 registries (api.chatie.io and token-service-discovery-test.juzibot.com), not at http://192.168.1.5:8080.",
                EverywhereWords.headline(v));
        assertEquals(2, assertInstanceOf(Verdict.RegisteredAtSeveral.class, v).fixes().size());
    }

    @Test
    void errorsOnlyNameTheRegistriesThatFailed() {
        Verdict v = Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, failed()), at(Registry.JUZIBOT, failed())));
        assertEquals("Cannot tell: no registry gave an answer.", EverywhereWords.headline(v));
        List<String> lines = EverywhereWords.explanation(v);
        assertEquals("api.chatie.io: error: the registry did not answer in time (timeout)", lines.get(0));
        assertEquals("token-service-discovery-test.juzibot.com: error: the registry did not answer in time (timeout)", lines.get(1));
    }

    @Test
    void everyVerdictReadsInChineseToo() {
        List<Verdict> all = List.of(
                Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, resolved()), at(Registry.JUZIBOT, resolved()))),
                Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, new Lookup.Unreachable(null, 8788, MS)))),
                Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, notRegistered()), at(Registry.JUZIBOT, new Lookup.Unreachable(null, 8788, MS)))),
                Verdict.of(OWN, List.of(at(OWN, failed()), at(Registry.CHATIE, resolved()), at(Registry.JUZIBOT, resolved()))),
                Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, notRegistered()))),
                Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, notRegistered()), at(Registry.JUZIBOT, failed()))),
                Verdict.of(Registry.CHATIE, List.of(at(Registry.CHATIE, failed()))));
        Text.use("zh_CN");
        for (Verdict v : all) {
            String text = EverywhereWords.headline(v) + String.join("", EverywhereWords.explanation(v));
            assertFalse(text.contains("!"), text);
            assertTrue(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), text);
        }
        assertEquals("已注册在 token-service-discovery-test.juzibot.com，但没有注册在 api.chatie.io。", EverywhereWords.headline(all.get(2)));
    }
}
