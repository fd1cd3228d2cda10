package org.tokendesk.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.token.Token;

class TokenStoreTest {
    @TempDir
    Path home;

    private static final List<SavedToken> TWO = List.of(
            new SavedToken(Token.of("insecure_one"), "my bot", Instant.parse("2025-01-02T03:04:05Z"), true, 8788),
            new SavedToken(Token.of("puppet_padlocal_two"), "", Instant.parse("2025-02-03T04:05:06Z"), false, 9001));

    private TokenStore store() {
        return new TokenStore(AppHome.at(home).tokensFile());
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(AppHome.at(home).config())) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFirstStartHasNoFile() throws IOException {
        assertInstanceOf(StoreLoad.Fresh.class, store().load());
    }

    @Test
    void whatIsSavedLoadsBackTheSame() throws IOException {
        store().save(TWO);
        assertEquals(new StoreLoad.Loaded(TWO), store().load());
        String json = Files.readString(store().file());
        assertTrue(json.contains("\"schema\" : 1"), json);
    }

    @Test
    void aSaveReplacesTheWholeFileAndLeavesNoTempFile() throws IOException {
        store().save(TWO);
        store().save(TWO.subList(1, 2));
        assertEquals(new StoreLoad.Loaded(TWO.subList(1, 2)), store().load());
        assertEquals(List.of("tokens.json"), files());
    }

    @Test
    void aWriteThatFailsLeavesTheOldContentAndNoTempFile() throws IOException {
        store().save(TWO);
        byte[] before = Files.readAllBytes(store().file());
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(store().file(), out -> {
            out.write("{\"schema\":1,\"tokens\":[{\"tok".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(store().file()));
        assertEquals(List.of("tokens.json"), files());
    }

    @Test
    void aWriterThatClosesTheStreamStillGetsItsContentSaved() throws IOException {
        Path file = home.resolve("x.json");
        AtomicFile.write(file, out -> {
            out.write(new byte[] {'o', 'k'});
            out.close();
        });
        assertEquals("ok", Files.readString(file));
    }

    @Test
    void onPosixTheFileIsOwnerOnlyAndSoIsTheFolderItCreates() throws IOException {
        Assumptions.assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path nested = home.resolve("deeper").resolve("config");
        TokenStore s = new TokenStore(nested.resolve("tokens.json"));
        s.save(TWO);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("deeper"))));
    }

    @Test
    void aFileThatDoesNotParseIsMovedAsideWithATimestampAndKept() throws IOException {
        Path file = store().file();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"schema\":1,\"tokens\":[ oops");
        StoreLoad.SetAside aside = assertInstanceOf(StoreLoad.SetAside.class, store().load());
        assertFalse(Files.exists(file));
        assertTrue(aside.movedTo().getFileName().toString().matches("tokens\\.json\\.corrupt-\\d{8}-\\d{6}"), aside.movedTo().toString());
        assertEquals("{\"schema\":1,\"tokens\":[ oops", Files.readString(aside.movedTo()));
        assertTrue(aside.reason().startsWith("not valid JSON"), aside.reason());

        store().save(TWO);
        assertEquals("{\"schema\":1,\"tokens\":[ oops", Files.readString(aside.movedTo()));
    }

    @Test
    void twoCorruptFilesInTheSameSecondDoNotOverwriteEachOther() throws IOException {
        Path file = store().file();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "first");
        Path one = assertInstanceOf(StoreLoad.SetAside.class, store().load()).movedTo();
        Files.writeString(file, "second");
        Path two = assertInstanceOf(StoreLoad.SetAside.class, store().load()).movedTo();
        assertNotEquals(one, two);
        assertEquals("first", Files.readString(one));
        assertEquals("second", Files.readString(two));
    }

    @Test
    void jsonThatIsNotATokenListIsSetAside() throws IOException {
        for (String content : new String[] {"[]", "{\"tokens\":{}}", "42", "", "\u00ff\u00fe\u0000"}) {
            Path file = store().file();
            Files.createDirectories(file.getParent());
            Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1));
            assertInstanceOf(StoreLoad.SetAside.class, store().load(), content);
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void unreadableEntriesAreSkippedAndTheWholeFileIsCopiedAsideFirst() throws IOException {
        Path file = store().file();
        Files.createDirectories(file.getParent());
        String content = "{\"schema\":1,\"tokens\":["
                + "{\"token\":\"insecure_good\",\"label\":\"ok\",\"added\":\"2025-01-02T03:04:05Z\",\"keepOnline\":false,\"port\":8788},"
                + "{\"token\":\"has space\"},"
                + "{\"token\":42},"
                + "\"just a string\","
                + "{\"token\":\"insecure_oddfields\",\"added\":\"yesterday\",\"port\":99999}"
                + "]}";
        Files.writeString(file, content);
        StoreLoad.Partial partial = assertInstanceOf(StoreLoad.Partial.class, store().load());
        assertEquals(3, partial.unreadable());
        assertEquals(List.of(Token.of("insecure_good"), Token.of("insecure_oddfields")),
                partial.tokens().stream().map(SavedToken::token).collect(Collectors.toList()));
        assertEquals(Instant.EPOCH, partial.tokens().get(1).added());
        assertEquals(SavedToken.DEFAULT_PORT, partial.tokens().get(1).port());
        assertEquals(content, Files.readString(partial.copy()));
        assertEquals(content, Files.readString(file));
        assertTrue(partial.copy().getFileName().toString().startsWith("tokens.json.unreadable-"));
        if (home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(partial.copy())));
        }
        Path again = assertInstanceOf(StoreLoad.Partial.class, store().load()).copy();
        assertNotEquals(partial.copy(), again);
    }

    @Test
    void aTokenListedTwiceLoadsOnce() throws IOException {
        store().save(List.of(TWO.get(0), TWO.get(0)));
        assertEquals(new StoreLoad.Loaded(TWO.subList(0, 1)), store().load());
    }

    @Test
    void aFileFromANewerTokenDeskIsSetAsideNotRead() throws IOException {
        Path file = store().file();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"schema\":" + (TokenStore.SCHEMA + 1) + ",\"tokens\":[]}");
        StoreLoad.SetAside aside = assertInstanceOf(StoreLoad.SetAside.class, store().load());
        assertTrue(aside.movedTo().getFileName().toString().startsWith("tokens.json.newer-"));
        assertTrue(aside.reason().contains("newer"), aside.reason());
        assertEquals("{\"schema\":" + (TokenStore.SCHEMA + 1) + ",\"tokens\":[]}", Files.readString(aside.movedTo()));
    }

    @Test
    void tokendeskHomeOverridesTheOsFolders() {
        AppHome h = AppHome.resolve(Map.of("TOKENDESK_HOME", home.toString()));
        assertEquals(home.toAbsolutePath().resolve("tokens.json"), h.tokensFile());
        assertEquals(home.toAbsolutePath().resolve("settings.json"), h.settingsFile());
        AppHome os = AppHome.resolve(Map.of());
        assertTrue(os.tokensFile().toString().toLowerCase().contains("tokendesk"), os.tokensFile().toString());
    }
}
