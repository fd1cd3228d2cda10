package org.tokendesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.tokendesk.i18n.Words;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.Hostile;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenSyntax;

/** Import files: any text or bytes in, entries or one named reason out; never an exception, never a bad port or token in. */
class TokenImportPropertyTest {
    private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("import-props");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(Hostile.strings(), exportsOfAnyShape());
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Hostile.bytes();
    }

    @Provide
    Arbitrary<String> tokens() {
        return Hostile.tokens();
    }

    /** TokenDesk-export-looking JSON whose entries hold anything. */
    Arbitrary<String> exportsOfAnyShape() {
        Arbitrary<String> entry = Combinators.combine(Arbitraries.oneOf(Hostile.tokens().map(Hostile::quoteJson), Hostile.json()),
                Hostile.json(), Arbitraries.oneOf(Arbitraries.integers().between(-2, 70000).map(String::valueOf), Hostile.json()),
                Arbitraries.of("null", "\"2026-01-01T00:00:00Z\"", "\"yesterday\"", "5")).as((token, label, port, added) ->
                "{\"token\":" + token + ",\"label\":" + label + ",\"port\":" + port + ",\"added\":" + added + "}");
        return Combinators.combine(Arbitraries.of("\"tokendesk-tokens\"", "\"\"", "1", "\"other\""), Arbitraries.of("1", "2", "99", "\"x\"", "-1"),
                Arbitraries.oneOf(entry, Hostile.json()).list().ofMaxSize(4))
                .as((format, schema, entries) -> "{\"format\":" + format + ",\"schema\":" + schema + ",\"tokens\":[" + String.join(",", entries) + "]}");
    }

    @Property(tries = 400)
    void anyTextIsReadOrRefusedWithAReason(@ForAll("anything") String text) {
        ImportResult result = TokenImport.parse(text, List.of(), NOW);
        assertValid(result);
    }

    @Property(tries = 300)
    void anyBytesInAFileAreReadOrRefused(@ForAll("bytes") byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "import", ".txt");
        Files.write(file, bytes);
        assertValid(TokenImport.read(file, List.of(), NOW));
        Files.delete(file);
    }

    @Property(tries = 200)
    void whatWeExportWeImportBack(@ForAll @Size(max = 20) List<@From("tokens") String> values, @ForAll ExportFormat format) {
        List<SavedToken> saved = new ArrayList<>();
        Set<Token> seen = new HashSet<>();
        int i = 0;
        for (String v : values) {
            Token t = Token.of(v);
            if (seen.add(t)) {
                saved.add(new SavedToken(t, "label " + i, NOW.minusSeconds(i), i % 2 == 0, 1 + (i * 977) % 65535));
            }
            i++;
        }
        ImportResult result = TokenImport.parse(new String(TokenExport.render(saved, format, NOW, Words.exportNotes(NOW)), StandardCharsets.UTF_8), List.of(), NOW);
        if (saved.isEmpty()) {
            return;
        }
        List<Token> back = assertInstanceOf(ImportResult.Read.class, result).accepted().stream().map(a -> a.token().token()).toList();
        assertEquals(saved.stream().map(SavedToken::token).toList(), back);
    }

    /** Valid tokens with what a .env or a shell reads specially at their ends or inside: quotes, $, ;, =, :, -. */
    @Provide
    Arbitrary<String> awkwardTokens() {
        Arbitrary<String> edge = Arbitraries.of("", "'", "''", "$", ";", "=", "-", ":", "'$", "$'", "!", "*", "~", ",");
        return Combinators.combine(edge, Arbitraries.oneOf(Hostile.tokens(), Arbitraries.of("", "'", "$HOME", "a'b", "'\'", "x;y")), edge)
                .as((open, middle, close) -> open + middle + close)
                .filter(t -> TokenSyntax.check(t).isEmpty());
    }

    @Property(tries = 1000)
    void anyValidTokenRoundTripsThroughDotenv(@ForAll("awkwardTokens") String value) {
        SavedToken saved = new SavedToken(Token.of(value), "label", NOW, false, SavedToken.DEFAULT_PORT);
        String file = new String(TokenExport.render(List.of(saved), ExportFormat.DOTENV, NOW, Words.exportNotes(NOW)), StandardCharsets.UTF_8);
        ImportResult result = TokenImport.parse(file, List.of(), NOW);
        List<ImportedEntry.Accepted> back = assertInstanceOf(ImportResult.Read.class, result).accepted();
        assertEquals(1, back.size(), () -> "entries: " + ((ImportResult.Read) result).entries().size());
        assertEquals(value, back.get(0).token().token().reveal());
        assertEquals("label", back.get(0).token().label());
    }

    private static void assertValid(ImportResult result) {
        if (result instanceof ImportResult.Read read) {
            for (ImportedEntry e : read.entries()) {
                assertTrue(e.position() >= 1);
                if (e instanceof ImportedEntry.Accepted a) {
                    assertEquals(Optional.empty(), TokenSyntax.check(a.token().token().reveal()));
                    assertTrue(a.token().port() >= 1 && a.token().port() <= 65535);
                    assertTrue(a.token().label().length() <= TokenImport.MAX_LABEL);
                } else if (e instanceof ImportedEntry.BadEntry b) {
                    assertTrue(b.detail().length() <= 48, b::toString);
                }
            }
        } else {
            ImportResult.Unreadable u = assertInstanceOf(ImportResult.Unreadable.class, result);
            assertTrue(u.detail().length() <= 64, u::toString);
        }
    }
}
