package org.tokendesk.everywhere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.i18n.EverywhereWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.store.Settings;

/** The registries a user keeps: the public two always, their own trimmed, validated and never twice. */
class RegistryListTest {
    @BeforeEach
    void english() {
        Text.use("en");
    }

    private static Registry added(RegistryList.Addition addition) {
        return assertInstanceOf(RegistryList.Addition.Added.class, addition).registry();
    }

    private static RegistryList.Refusal refused(RegistryList.Addition addition) {
        return assertInstanceOf(RegistryList.Addition.Refused.class, addition).refusal();
    }

    @Test
    void thePublicRegistriesAreAlwaysThere() {
        assertEquals(List.of(Registry.CHATIE, Registry.JUZIBOT), RegistryList.builtInOnly().all());
        assertEquals("token-service-discovery-test.juzibot.com", Registry.JUZIBOT.authority());
    }

    @Test
    void anEntryWithSpacesAroundIsTrimmed() {
        Registry r = added(RegistryList.builtInOnly().add("  registry.example.com:8443 \t"));
        assertEquals(URI.create("https://registry.example.com:8443"), r.baseUrl());
        assertEquals("registry.example.com:8443", r.authority());
    }

    @Test
    void anEntryWithASchemeKeepsIt() {
        Registry r = added(RegistryList.builtInOnly().add("HTTP://192.168.1.5:8080/"));
        assertEquals(URI.create("http://192.168.1.5:8080"), r.baseUrl());
        Registry pasted = added(RegistryList.builtInOnly().add("https://discovery.example.org/v0/hosties/insecure_abc"));
        assertEquals(URI.create("https://discovery.example.org"), pasted.baseUrl());
    }

    @Test
    void aSpaceInsideIsRefusedWithASpecificMessage() {
        RegistryList list = RegistryList.builtInOnly();
        RegistryList.Refusal.Invalid invalid = assertInstanceOf(RegistryList.Refusal.Invalid.class, refused(list.add("api.chatie .io")));
        assertEquals(RegistryParse.Reason.WHITESPACE_INSIDE, invalid.problem().reason());
        assertEquals("The registry address has a space or line break inside: “api.chatie .io”.", EverywhereWords.of(invalid));
        assertEquals(List.of(), list.added());
    }

    @Test
    void badEntriesSayWhatIsWrong() {
        RegistryList list = RegistryList.builtInOnly();
        assertEquals("Only http:// and https:// registries are supported, not ftp://.", EverywhereWords.of(refused(list.add("ftp://x.example"))));
        assertEquals("Enter a registry address, e.g. api.chatie.io or http://192.168.1.5:8080.", EverywhereWords.of(refused(list.add("   "))));
        assertEquals("The port must be 1 to 65535: “x.example:70000”.", EverywhereWords.of(refused(list.add("x.example:70000"))));
        assertEquals("A registry address takes no user name or password: “https://me:pw@x.example”.",
                EverywhereWords.of(refused(list.add("https://me:pw@x.example"))));
    }

    @Test
    void aBuiltInRegistryCannotBeAddedAgainHoweverItIsWritten() {
        RegistryList list = RegistryList.builtInOnly();
        for (String same : List.of("api.chatie.io", " https://API.chatie.io:443/ ", "https://api.chatie.io/v0/hosties/x")) {
            RegistryList.Refusal.Duplicate d = assertInstanceOf(RegistryList.Refusal.Duplicate.class, refused(list.add(same)), same);
            assertTrue(d.builtIn());
            assertEquals("api.chatie.io is built in and always asked.", EverywhereWords.of(d));
        }
    }

    @Test
    void anAddedRegistryCannotBeAddedTwice() {
        RegistryList once = ((RegistryList.Addition.Added) RegistryList.builtInOnly().add("http://10.0.0.2:8080")).list();
        RegistryList.Refusal.Duplicate d = assertInstanceOf(RegistryList.Refusal.Duplicate.class, refused(once.add("http://10.0.0.2:8080/")));
        assertEquals("http://10.0.0.2:8080 is already in the list.", EverywhereWords.of(d));
        // A different scheme or port is another registry.
        added(once.add("http://10.0.0.2:8081"));
        added(once.add("https://10.0.0.2:8080"));
    }

    @Test
    void savedInSettingsAndReadBack() {
        RegistryList list = ((RegistryList.Addition.Added) RegistryList.builtInOnly().add("registry.example.com")).list();
        Settings settings = list.saveInto(Settings.defaults(Map.of()));
        assertEquals(List.of("https://registry.example.com"), settings.extraRegistries());
        RegistryList back = RegistryList.fromSettings(settings);
        assertEquals(list.all(), back.all());
    }

    @Test
    void unreadableSavedEntriesAreKeptButNotAsked() {
        RegistryList list = RegistryList.fromSaved(List.of("https://ok.example", "not a url", "api.chatie.io"));
        assertEquals(List.of(Registry.CHATIE, Registry.JUZIBOT, new Registry(URI.create("https://ok.example"))), list.all());
        assertEquals(List.of("not a url", "api.chatie.io"), list.unreadable());
        assertEquals(List.of("https://ok.example", "not a url", "api.chatie.io"), list.toSaved());
    }

    @Test
    void anUnreadableEntryCanBeForgotten() {
        RegistryList list = RegistryList.fromSaved(List.of("https://ok.example", "not a url"));
        RegistryList cleaned = list.withoutUnreadable("not a url");
        assertEquals(List.of(), cleaned.unreadable());
        assertEquals(List.of("https://ok.example"), cleaned.toSaved());
        assertSame(cleaned, cleaned.withoutUnreadable("not a url"));
    }

    @Test
    void builtInRegistriesCannotBeRemoved() {
        RegistryList list = RegistryList.builtInOnly();
        assertSame(list, list.remove(Registry.CHATIE));
        RegistryList withOne = ((RegistryList.Addition.Added) list.add("x.example")).list();
        assertEquals(List.of(), withOne.remove(Registry.tryParse("https://x.example").orElseThrow()).added());
    }

    @Test
    void theChosenRegistryIsAskedFirstEvenWhenItIsNotInTheList() {
        Registry own = Registry.tryParse("http://127.0.0.1:9000").orElseThrow();
        assertEquals(List.of(own, Registry.CHATIE, Registry.JUZIBOT), RegistryList.builtInOnly().toAsk(own));
        assertEquals(List.of(Registry.JUZIBOT, Registry.CHATIE), RegistryList.builtInOnly().toAsk(Registry.JUZIBOT));
    }
}
