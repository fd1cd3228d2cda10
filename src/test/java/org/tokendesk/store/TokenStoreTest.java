package org.tokendesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.token.Token;

/** The file-only store keeps its first behaviour: schema 1, tokens inline, unreadable files never overwritten. */
class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripInTheFile() throws Exception {
        Path file = dir.resolve("tokens.json");
        List<SavedToken> tokens = List.of(
                new SavedToken(Token.of("insecure_0b2fb210-aa38-45a5-8130-5547221dca93"), "home", Instant.parse("2026-03-01T08:00:00Z"), true, 8789),
                new SavedToken(Token.of("legacy-provider-token"), "", Instant.EPOCH, false, 8788));
        TokenStore store = new TokenStore(file);
        assertInstanceOf(StoreLoad.Fresh.class, store.load());

        store.save(tokens);

        assertEquals(new StoreLoad.Loaded(tokens), new TokenStore(file).load());
        assertTrue(Files.readString(file).contains("\"schema\" : 1"));
    }

    @Test
    void aFileThatIsNotJsonIsSetAside() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "{not json");

        StoreLoad.SetAside aside = assertInstanceOf(StoreLoad.SetAside.class, new TokenStore(file).load());

        assertFalse(Files.exists(file));
        assertEquals("{not json", Files.readString(aside.movedTo()));
    }

    @Test
    void unreadableEntriesAreLeftOutAndTheFileCopied() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "{\"schema\":1,\"tokens\":[{\"token\":\"insecure_ok\"},{\"token\":\"has space\"},{\"label\":\"no token\"}]}");

        StoreLoad.Partial partial = assertInstanceOf(StoreLoad.Partial.class, new TokenStore(file).load());

        assertEquals(1, partial.tokens().size());
        assertEquals(2, partial.unreadable());
        assertTrue(Files.exists(partial.copy()));
    }
}
