package org.tokendesk.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.secrets.Keyring;
import org.tokendesk.secrets.KeyringCheck;
import org.tokendesk.secrets.OsKeyring;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.SecretStorage;
import org.tokendesk.store.StoreLoad;
import org.tokendesk.store.TokenStore;
import org.tokendesk.testing.SecretServiceSession;
import org.tokendesk.token.Token;

/**
 * The Secret Service disappearing mid-run (gnome-keyring-daemon stopped, the D-Bus session still
 * there): the tokens already loaded stay in use, the next save keeps a new token in the file and
 * says so (storage: in the file, because the keyring failed), and the tokens in the keyring are
 * neither lost nor written out in the clear.
 */
@Tag("secret-service")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KeyringGoneTest {
    @TempDir
    Path dir;

    private static Keyring openWhenReady(SecretServiceSession session) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        KeyringCheck check;
        do {
            check = OsKeyring.open("TokenDesk-reliability");
            if (check instanceof KeyringCheck.Available available) {
                return available.keyring();
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline && session.daemonAlive());
        throw new AssertionError("no Secret Service came up: " + check);
    }

    private static SavedToken saved(String name) {
        return new SavedToken(Token.of("insecure_" + name + "-" + UUID.randomUUID()), name, Instant.parse("2026-12-04T00:00:00Z"), true, 8788);
    }

    @Test
    void theKeyringGoingAwayLosesNothingAndWritesNothingInTheClearUnsaid() throws Exception {
        Path file = dir.resolve("tokens.json");
        try (SecretServiceSession session = SecretServiceSession.start(); Keyring keyring = openWhenReady(session)) {
            TokenStore store = new TokenStore(file, new KeyringCheck.Available(keyring));
            List<SavedToken> list = new ArrayList<>(List.of(saved("first"), saved("second")));
            store.save(list);
            assertInstanceOf(SecretStorage.InKeyring.class, store.storage());
            String text = Files.readString(file);
            assertFalse(text.contains(list.get(0).token().reveal()) || text.contains(list.get(1).token().reveal()), "in the keyring, not the file");

            session.stopDaemon();
            list.add(saved("third"));
            store.save(list);

            SecretStorage storage = store.storage();
            assertEquals(SecretStorage.Why.KEYRING_FAILED, assertInstanceOf(SecretStorage.InFile.class, storage).why(),
                    "the settings window says the file holds tokens now, and why");
            text = Files.readString(file);
            assertTrue(text.contains(list.get(2).token().reveal()), "the new token is kept (in the file, as said)");
            assertFalse(text.contains(list.get(0).token().reveal()) || text.contains(list.get(1).token().reveal()),
                    "tokens the keyring holds are not copied out in the clear");
            StoreLoad reopened = new TokenStore(file, new KeyringCheck.Unavailable("the Secret Service went away")).load();
            StoreLoad.KeyringUnavailable waiting = assertInstanceOf(StoreLoad.KeyringUnavailable.class, reopened);
            assertEquals(2, waiting.waiting(), "the two in the keyring wait for it, untouched");
            assertEquals(List.of(list.get(2).token()), waiting.tokens().stream().map(SavedToken::token).toList());
        }
    }
}
