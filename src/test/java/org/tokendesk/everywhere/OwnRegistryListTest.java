package org.tokendesk.everywhere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.tokendesk.discovery.Registry;

/** "Check everywhere" asks the registry on this computer beside the public ones while it runs, and never saves it. */
class OwnRegistryListTest {
    private static final Registry OWN = new Registry(URI.create("https://127.0.0.1:8780"));

    @Test
    void theRunningRegistryIsAskedAfterTheOthers() {
        RegistryList list = RegistryList.fromSaved(List.of("https://r.example.org")).withOwn(OWN);
        assertEquals(List.of(Registry.CHATIE, Registry.JUZIBOT, new Registry(URI.create("https://r.example.org")), OWN), list.all());
        assertEquals(List.of(OWN, Registry.CHATIE, Registry.JUZIBOT, new Registry(URI.create("https://r.example.org"))), list.toAsk(OWN));
    }

    @Test
    void itIsNeverSaved() {
        RegistryList list = RegistryList.fromSaved(List.of("https://r.example.org")).withOwn(OWN);
        assertEquals(List.of("https://r.example.org"), list.toSaved());
    }

    @Test
    void oneTheUserAddedAlreadyIsNotAskedTwice() {
        RegistryList list = RegistryList.fromSaved(List.of("https://127.0.0.1:8780/")).withOwn(OWN);
        assertEquals(3, list.all().size());
        assertTrue(list.own().isEmpty());
    }
}
