package org.tokendesk.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.secrets.KeyringCheck;
import org.tokendesk.testing.MemoryKeyring;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** The token list with its secrets in a keyring, in the file, and moving between the two without losing anything. */
class TokenStoreKeyringTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MemoryKeyring keyring = new MemoryKeyring();

    private static List<SavedToken> list(int n) {
        List<SavedToken> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Token t = Token.of((i % 2 == 0 ? "insecure_" : "puppet_x_") + UUID.randomUUID());
            out.add(new SavedToken(t, "bot " + i, Instant.parse("2026-01-0" + (i % 9 + 1) + "T10:00:00Z"), i % 2 == 0, 8788 + i));
        }
        return out;
    }

    private Path file() {
        return dir.resolve("tokens.json");
    }

    private TokenStore withKeyring() {
        return new TokenStore(file(), new KeyringCheck.Available(keyring));
    }

    private TokenStore withoutKeyring() {
        return new TokenStore(file(), new KeyringCheck.Unavailable("no D-Bus session (test)"));
    }

    private JsonNode json() throws Exception {
        return JSON.readTree(file().toFile());
    }

    private static TokenLeaks leaks(List<SavedToken> tokens) {
        return TokenLeaks.of(tokens.stream().map(SavedToken::token).toList());
    }

    @Test
    void withAKeyringTheFileHoldsReferencesAndNoSecret() throws Exception {
        List<SavedToken> tokens = list(3);
        TokenStore store = withKeyring();
        store.load();
        store.save(tokens);

        leaks(tokens).assertNoneIn("tokens.json", Files.readString(file()));
        assertEquals(3, keyring.entries().size());
        assertEquals(new HashSet<>(tokens.stream().map(t -> t.token().reveal()).toList()), new HashSet<>(keyring.entries().values()));
        assertEquals(TokenStore.SCHEMA, json().get("schema").asInt());
        assertEquals("bot 1", json().get("tokens").get(1).get("label").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals(new SecretStorage.InKeyring("Memory keyring"), store.storage());

        assertEquals(new StoreLoad.Loaded(tokens), withKeyring().load(), "a new session reads them back from the keyring");
    }

    @Test
    void savingAgainRewritesNoKeyringEntryAndRemovingATokenDeletesItsEntry() throws Exception {
        List<SavedToken> tokens = list(3);
        TokenStore store = withKeyring();
        store.load();
        store.save(tokens);
        int writes = keyring.writes();

        store.save(List.of(tokens.get(0).withLabel("renamed"), tokens.get(2)));

        assertEquals(writes, keyring.writes(), "labels live in the file; the secrets did not move");
        assertEquals(2, keyring.entries().size());
        assertFalse(keyring.entries().containsValue(tokens.get(1).token().reveal()));
        assertFalse(json().has("retired"), "nothing left to delete");
    }

    @Test
    void anExistingPlainFileMovesIntoTheKeyringWhenOneIsThere() throws Exception {
        List<SavedToken> tokens = list(2);
        new TokenStore(file()).save(tokens);
        assertTrue(TokenLeaks.contains(Files.readString(file()), tokens.get(0).token()));
        assertEquals(1, json().get("schema").asInt(), "a plain file stays readable by the first TokenDesk");

        TokenStore store = withKeyring();
        assertEquals(new StoreLoad.Loaded(tokens), store.load());

        leaks(tokens).assertNoneIn("tokens.json", Files.readString(file()));
        assertEquals(2, keyring.entries().size());
        assertEquals(new StoreLoad.Loaded(tokens), withKeyring().load());
    }

    @Test
    void movingToTheFileAndBackLosesNothing() throws Exception {
        List<SavedToken> tokens = list(4);
        TokenStore store = withKeyring();
        store.load();
        store.save(tokens);

        SecretMove toFile = store.moveTo(TokenStore.Place.FILE);

        assertEquals(new SecretMove.Moved(new SecretStorage.InFile(SecretStorage.Why.CHOSEN, ""), 4), toFile);
        assertTrue(keyring.entries().isEmpty(), "the keyring keeps no copy");
        for (SavedToken t : tokens) {
            assertTrue(TokenLeaks.contains(Files.readString(file()), t.token()));
        }
        TokenStore next = withKeyring();
        assertEquals(new StoreLoad.Loaded(tokens), next.load());
        assertInstanceOf(SecretStorage.InFile.class, next.storage(), "the user's choice sticks although a keyring is there");
        assertTrue(keyring.entries().isEmpty());

        SecretMove back = next.moveTo(TokenStore.Place.KEYRING);

        assertEquals(new SecretMove.Moved(new SecretStorage.InKeyring("Memory keyring"), 4), back);
        leaks(tokens).assertNoneIn("tokens.json", Files.readString(file()));
        assertEquals(4, keyring.entries().size());
        assertEquals(new StoreLoad.Loaded(tokens), withKeyring().load());
    }

    @Test
    void aMoveThatFailsHalfwayChangesNothing() throws Exception {
        List<SavedToken> tokens = list(4);
        TokenStore store = withKeyring();
        store.load();
        store.save(tokens);
        store.moveTo(TokenStore.Place.FILE);
        byte[] before = Files.readAllBytes(file());

        keyring.refuseWritesAfter(2);
        SecretMove move = store.moveTo(TokenStore.Place.KEYRING);

        assertEquals(SecretMove.Reason.KEYRING_FAILED, assertInstanceOf(SecretMove.Refused.class, move).reason());
        assertArrayEquals(before, Files.readAllBytes(file()));
        assertTrue(keyring.entries().isEmpty(), "the two entries written are removed again");
        assertEquals(new StoreLoad.Loaded(tokens), withKeyring().load());
    }

    @Test
    void withoutKeyringTheTokensInItWaitAndNewOnesGoToTheFile() throws Exception {
        List<SavedToken> tokens = list(2);
        TokenStore store = withKeyring();
        store.load();
        store.save(tokens);

        TokenStore locked = withoutKeyring();
        StoreLoad load = locked.load();
        StoreLoad.KeyringUnavailable waiting = assertInstanceOf(StoreLoad.KeyringUnavailable.class, load);
        assertEquals(2, waiting.waiting());
        assertEquals(List.of(), waiting.tokens());
        assertEquals(new SecretStorage.InFile(SecretStorage.Why.NO_KEYRING, "no D-Bus session (test)"), locked.storage());

        SavedToken added = list(1).get(0);
        locked.save(List.of(added));
        assertEquals(SecretMove.Reason.TOKENS_UNREACHABLE,
                assertInstanceOf(SecretMove.Refused.class, locked.moveTo(TokenStore.Place.FILE)).reason());

        List<SavedToken> all = new ArrayList<>(List.of(added));
        all.addAll(tokens);
        TokenStore unlocked = withKeyring();
        assertEquals(new StoreLoad.Loaded(all), unlocked.load(), "the waiting ones come back, the new one too");
        leaks(all).assertNoneIn("tokens.json", Files.readString(file()));
        assertEquals(3, keyring.entries().size());
    }

    @Test
    void aKeyringThatRefusesASaveLeavesTheTokenInTheFileRatherThanLosingIt() throws Exception {
        List<SavedToken> tokens = list(2);
        TokenStore store = withKeyring();
        store.load();
        store.save(tokens.subList(0, 1));

        keyring.refuseWritesAfter(0);
        store.save(tokens);

        assertTrue(TokenLeaks.contains(Files.readString(file()), tokens.get(1).token()));
        assertFalse(TokenLeaks.contains(Files.readString(file()), tokens.get(0).token()));
        SecretStorage.InFile storage = assertInstanceOf(SecretStorage.InFile.class, store.storage());
        assertEquals(SecretStorage.Why.KEYRING_FAILED, storage.why());

        keyring.refuseWritesAfter(10);
        assertEquals(new StoreLoad.Loaded(tokens), withKeyring().load());
        leaks(tokens).assertNoneIn("tokens.json", Files.readString(file()));
    }

    @Test
    void anEntryMissingFromTheKeyringIsReportedAndTheFileCopiedAside() throws Exception {
        List<SavedToken> tokens = list(2);
        TokenStore store = withKeyring();
        store.load();
        store.save(tokens);
        String gone = keyring.entries().entrySet().stream()
                .filter(e -> e.getValue().equals(tokens.get(0).token().reveal())).findFirst().orElseThrow().getKey();
        keyring.delete(gone);

        StoreLoad.Partial partial = assertInstanceOf(StoreLoad.Partial.class, withKeyring().load());

        assertEquals(List.of(tokens.get(1)), partial.tokens());
        assertEquals(1, partial.unreadable());
        assertTrue(Files.exists(partial.copy()));
    }

    @Test
    void aDeletionTheKeyringRefusesIsRememberedInTheFile() throws Exception {
        List<SavedToken> tokens = list(2);
        TokenStore store = withKeyring();
        store.load();
        store.save(tokens);

        keyring.down(true);
        store.save(tokens.subList(0, 1));
        assertEquals(1, json().get("retired").size(), "the entry to delete survives a crash");

        keyring.down(false);
        store.save(tokens.subList(0, 1));
        assertFalse(json().has("retired"));
        assertEquals(1, keyring.entries().size());
    }

    @Test
    void aFileFromANewerTokenDeskIsSetAsideNotOverwritten() throws Exception {
        Files.writeString(file(), "{\"schema\": 3, \"tokens\": []}", StandardCharsets.UTF_8);

        StoreLoad.SetAside aside = assertInstanceOf(StoreLoad.SetAside.class, withKeyring().load());

        assertTrue(Files.exists(aside.movedTo()));
        assertFalse(Files.exists(file()));
    }

    @Test
    void withTheKeyringTurnedOffTheFileIsUsedAndSaysSo() throws Exception {
        TokenStore store = new TokenStore(file());
        store.load();
        store.save(list(1));

        assertEquals(new SecretStorage.InFile(SecretStorage.Why.KEYRING_OFF, ""), store.storage());
        assertEquals(SecretMove.Reason.NO_KEYRING,
                assertInstanceOf(SecretMove.Refused.class, store.moveTo(TokenStore.Place.KEYRING)).reason());
    }
}
