package org.tokendesk.export;

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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.TokenStore;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenProblem;

/** The token list out to a file and back: JSON keeps every field, .env lines keep tokens and labels. */
class TokenExportImportTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private final List<SavedToken> tokens = List.of(
            new SavedToken(Token.of("insecure_" + UUID.randomUUID()), "home bot", Instant.parse("2026-01-02T03:04:05Z"), true, 8790),
            new SavedToken(Token.of("puppet_padlocal_" + UUID.randomUUID()), "shop\nsecond line", Instant.parse("2026-02-02T03:04:05Z"), false, 8788),
            new SavedToken(Token.of("odd$tok;en"), "", Instant.parse("2026-03-02T03:04:05Z"), false, 8788));

    @AfterEach
    void english() {
        Text.use(Locale.ENGLISH);
    }

    @Test
    void jsonRoundTripKeepsEveryField() throws Exception {
        Path file = dir.resolve("out/tokens-export.json");
        TokenExport.write(file, tokens, ExportFormat.JSON, NOW, Words.exportNotes(NOW));

        String text = Files.readString(file);
        assertTrue(text.contains("\"format\" : \"tokendesk-tokens\""));
        assertTrue(text.contains(Text.get("export.warning")), "the file says it holds secrets");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        ImportResult.Read read = assertInstanceOf(ImportResult.Read.class, TokenImport.read(file, Set.of(), NOW));
        assertEquals(ExportFormat.JSON, read.format());
        assertEquals(tokens, read.accepted().stream().map(ImportedEntry.Accepted::token).toList());
    }

    @Test
    void dotenvRoundTripKeepsTokensAndLabels() throws Exception {
        Path file = dir.resolve("bots.env");
        TokenExport.write(file, tokens, ExportFormat.DOTENV, NOW, Words.exportNotes(NOW));

        String text = Files.readString(file);
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("# "));
        assertTrue(lines.get(1).startsWith("# " + Text.get("export.warning").substring(0, 20)));
        assertTrue(lines.contains("# home bot"));
        assertTrue(lines.contains("WECHATY_PUPPET_SERVICE_TOKEN=" + tokens.get(0).token().reveal()));
        assertTrue(lines.contains("# shop second line"), "a label never breaks the line structure");
        assertTrue(lines.contains("WECHATY_PUPPET_SERVICE_TOKEN='odd$tok;en'"), "quoted where a shell would bite");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        ImportResult.Read read = assertInstanceOf(ImportResult.Read.class, TokenImport.read(file, Set.of(), NOW));
        assertEquals(ExportFormat.DOTENV, read.format());
        List<ImportedEntry.Accepted> accepted = read.accepted();
        assertEquals(tokens.stream().map(SavedToken::token).toList(), accepted.stream().map(a -> a.token().token()).toList());
        assertEquals(List.of("home bot", "shop second line", ""), accepted.stream().map(a -> a.token().label()).toList());
        assertEquals(3, read.entries().size(), "the header comments are not entries");
    }

    @Test
    void dotenvTakesOffExactlyOneLayerOfQuotesAsAShellDoes() {
        assertEquals("\"'quoted'\"", TokenExport.quoted("'quoted'"));
        assertEquals("\"it's\\$HOME\"", TokenExport.quoted("it's$HOME"), "$ escaped inside double quotes");
        String text = "WECHATY_TOKEN=\"'quoted'\"\nexport WECHATY_PUPPET_SERVICE_TOKEN='tail'\"'\"'\n"
                + "WECHATY_TOKEN=\"it's\\$HOME\" # comment\nWECHATY_TOKEN=\"“typographic”\"\n";
        ImportResult.Read read = assertInstanceOf(ImportResult.Read.class, TokenImport.parse(text, Set.of(), NOW));
        assertEquals(List.of("'quoted'", "it's$HOME", "typographic"),
                read.accepted().stream().map(a -> a.token().token().reveal()).toList());
        assertEquals(4, read.entries().size(), "a shell concatenation the exact reader does not take is left to the paste reader");
    }

    @Test
    void dotenvImportReadsWhatPeopleWriteByHand() {
        Token known = tokens.get(0).token();
        String text = "# my bots\nexport WECHATY_PUPPET_SERVICE_TOKEN=\"" + known.reveal() + "\"\n"
                + "WECHATY_PUPPET=wechaty-puppet-service\n"
                + "WECHATY_TOKEN=insecure_11111111-2222-4333-8444-555555555555\n"
                + "WECHATY_PUPPET_SERVICE_TOKEN=\"unterminated\n";

        ImportResult.Read read = assertInstanceOf(ImportResult.Read.class, TokenImport.parse(text, Set.of(known), NOW));

        assertEquals(new ImportedEntry.Duplicate(2, known), read.entries().get(0));
        assertEquals(new ImportedEntry.BadEntry(3, ImportedEntry.BadEntry.Why.OTHER_VARIABLE, "WECHATY_PUPPET"), read.entries().get(1));
        assertEquals("insecure_11111111-2222-4333-8444-555555555555",
                assertInstanceOf(ImportedEntry.Accepted.class, read.entries().get(2)).token().token().reveal());
        assertEquals(TokenProblem.Kind.UNBALANCED_QUOTE, assertInstanceOf(ImportedEntry.BadToken.class, read.entries().get(3)).problem().kind());
    }

    @Test
    void jsonImportValidatesEachEntryAndSaysWhich() {
        String text = "{\"format\":\"tokendesk-tokens\",\"schema\":1,\"tokens\":["
                + "{\"token\":\"insecure_aaaaaaaa-2222-4333-8444-555555555555\",\"port\":70000},"
                + "{\"token\":\"has space\"},"
                + "{\"token\":\"insecure_bbbbbbbb-2222-4333-8444-555555555555\",\"added\":\"yesterday\"},"
                + "42,"
                + "{\"token\":\"insecure_cccccccc-2222-4333-8444-555555555555\",\"label\":{\"x\":1}},"
                + "{\"token\":\"insecure_dddddddd-2222-4333-8444-555555555555\"},"
                + "{\"token\":\"insecure_dddddddd-2222-4333-8444-555555555555\"}]}";

        ImportResult.Read read = assertInstanceOf(ImportResult.Read.class, TokenImport.parse(text, Set.of(), NOW));

        List<Object> kinds = new ArrayList<>();
        for (ImportedEntry e : read.entries()) {
            kinds.add(e instanceof ImportedEntry.BadEntry b ? b.why() : e.getClass().getSimpleName());
        }
        assertEquals(List.of(ImportedEntry.BadEntry.Why.BAD_PORT, "BadToken", ImportedEntry.BadEntry.Why.BAD_DATE,
                ImportedEntry.BadEntry.Why.NOT_AN_OBJECT, ImportedEntry.BadEntry.Why.BAD_LABEL, "Accepted", "Duplicate"), kinds);
        SavedToken minimal = read.accepted().get(0).token();
        assertEquals(NOW, minimal.added(), "no date: imported now");
        assertEquals(SavedToken.DEFAULT_PORT, minimal.port());
        for (ImportedEntry e : read.entries()) {
            if (!(e instanceof ImportedEntry.Accepted)) {
                String words = Words.of(e);
                assertFalse(words.isBlank() || words.startsWith("!"), words);
            }
        }
    }

    @Test
    void filesThatAreNotATokenListAddNothingAndSayWhy() throws Exception {
        assertEquals(ImportResult.Unreadable.Why.NOT_JSON, unreadable("{\"tokens\": [").why());
        assertEquals(ImportResult.Unreadable.Why.NOT_AN_EXPORT, unreadable("{\"name\": \"package.json\"}").why());
        assertEquals(ImportResult.Unreadable.Why.NOT_AN_EXPORT, unreadable("{\"format\": \"other\", \"tokens\": []}").why());
        assertEquals(ImportResult.Unreadable.Why.NEWER, unreadable("{\"format\": \"tokendesk-tokens\", \"schema\": 9, \"tokens\": []}").why());
        assertEquals(ImportResult.Unreadable.Why.EMPTY, unreadable(" \n# only a comment\n").why());

        Path big = dir.resolve("big.env");
        Files.write(big, new byte[TokenImport.MAX_BYTES + 10]);
        assertEquals(ImportResult.Unreadable.Why.TOO_LARGE,
                assertInstanceOf(ImportResult.Unreadable.class, TokenImport.read(big, Set.of(), NOW)).why());
        assertEquals(ImportResult.Unreadable.Why.IO,
                assertInstanceOf(ImportResult.Unreadable.class, TokenImport.read(dir.resolve("missing.json"), Set.of(), NOW)).why());
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Text.use(locale);
            for (ImportResult.Unreadable.Why why : ImportResult.Unreadable.Why.values()) {
                assertFalse(Words.of(new ImportResult.Unreadable(why, "x")).startsWith("!"));
            }
            for (String key : List.of("export.warning", "export.header", "export.json", "export.dotenv", "export.done", "import.done")) {
                assertFalse(Text.get(key, 2, "f").startsWith("!"), key);
            }
        }
    }

    private static ImportResult.Unreadable unreadable(String text) {
        return assertInstanceOf(ImportResult.Unreadable.class, TokenImport.parse(text, Set.of(), NOW));
    }

    @Test
    void aTokensJsonWithTheTokensInsideImportsButKeyringReferencesDoNot() throws Exception {
        Path file = dir.resolve("tokens.json");
        new TokenStore(file).save(tokens);
        Files.writeString(dir.resolve("refs.json"), "{\"schema\":2,\"storage\":\"keyring\",\"tokens\":[{\"ref\":\"" + UUID.randomUUID()
                + "\",\"label\":\"elsewhere\"}]}", StandardCharsets.UTF_8);

        assertEquals(tokens, assertInstanceOf(ImportResult.Read.class, TokenImport.read(file, Set.of(), NOW)).accepted().stream()
                .map(ImportedEntry.Accepted::token).toList());
        ImportResult.Read refs = assertInstanceOf(ImportResult.Read.class, TokenImport.read(dir.resolve("refs.json"), Set.of(), NOW));
        assertEquals(ImportedEntry.BadEntry.Why.KEYRING_REFERENCE, assertInstanceOf(ImportedEntry.BadEntry.class, refs.entries().get(0)).why());
    }

    @Test
    void messagesAboutEntriesNeverHoldAToken() {
        String text = "WECHATY_PUPPET_SERVICE_TOKEN=" + tokens.get(0).token().reveal() + "\n"
                + "{not json either}\n";
        ImportResult.Read read = assertInstanceOf(ImportResult.Read.class, TokenImport.parse(text, Set.of(tokens.get(0).token()), NOW));
        TokenLeaks leaks = TokenLeaks.of(tokens.get(0).token());
        for (ImportedEntry e : read.entries()) {
            leaks.assertNoneIn("import message", Words.of(e));
        }
    }
}
