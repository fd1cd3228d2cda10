package org.tokendesk.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.tokendesk.net.Detail;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.TokenStore;
import org.tokendesk.token.PastedLine;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenPaste;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.token.TokenSyntax;

/**
 * Reads a file of tokens: TokenDesk's JSON export (or a tokens.json with the tokens in it), or
 * .env / shell lines, which go through {@link TokenPaste} like a paste does; a {@code # label}
 * comment right above a token line becomes its label. Nothing is added here: the caller adds the
 * accepted entries.
 */
public final class TokenImport {
    /** No token list comes near this; a bigger file is not one. */
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_LABEL = 200;
    /** How much of a bad value an error message quotes. */
    private static final int SHOWN = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenImport() {
    }

    /** @param existing tokens already in the list: those come back as duplicates */
    public static ImportResult read(Path file, Collection<Token> existing, Instant now) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return new ImportResult.Unreadable(ImportResult.Unreadable.Why.IO, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            return new ImportResult.Unreadable(ImportResult.Unreadable.Why.TOO_LARGE, (MAX_BYTES / 1024) + " KiB");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), existing, now);
    }

    /** The text of a file; JSON when it starts with '{', .env lines otherwise. */
    public static ImportResult parse(String text, Collection<Token> existing, Instant now) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.isBlank()) {
            return new ImportResult.Unreadable(ImportResult.Unreadable.Why.EMPTY, "");
        }
        return body.stripLeading().startsWith("{") ? json(body, existing, now) : dotenv(body, existing, now);
    }

    private static ImportResult json(String text, Collection<Token> existing, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new ImportResult.Unreadable(ImportResult.Unreadable.Why.NOT_JSON,
                    "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject() || !root.path("tokens").isArray()) {
            return new ImportResult.Unreadable(ImportResult.Unreadable.Why.NOT_AN_EXPORT, "no \"tokens\" list");
        }
        String format = root.path("format").asText("");
        int schema = root.path("schema").asInt(0);
        if (!format.isEmpty() && !format.equals(TokenExport.FORMAT_NAME)) {
            return new ImportResult.Unreadable(ImportResult.Unreadable.Why.NOT_AN_EXPORT, "format \"" + Detail.shorten(format, SHOWN) + "\"");
        }
        int newest = format.isEmpty() ? TokenStore.SCHEMA : TokenExport.SCHEMA;
        if (schema > newest) {
            return new ImportResult.Unreadable(ImportResult.Unreadable.Why.NEWER, "schema " + schema);
        }
        Set<Token> seen = new HashSet<>(existing);
        List<ImportedEntry> entries = new ArrayList<>();
        int position = 0;
        for (JsonNode entry : root.get("tokens")) {
            position++;
            ImportedEntry read = entry(position, entry, now);
            if (read instanceof ImportedEntry.Accepted a && !seen.add(a.token().token())) {
                read = new ImportedEntry.Duplicate(position, a.token().token());
            }
            entries.add(read);
        }
        return new ImportResult.Read(ExportFormat.JSON, entries);
    }

    private static ImportedEntry entry(int position, JsonNode entry, Instant now) {
        if (!entry.isObject()) {
            return new ImportedEntry.BadEntry(position, ImportedEntry.BadEntry.Why.NOT_AN_OBJECT, entry.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (!entry.has("token") && entry.has("ref")) {
            return new ImportedEntry.BadEntry(position, ImportedEntry.BadEntry.Why.KEYRING_REFERENCE, "");
        }
        JsonNode tokenNode = entry.get("token");
        String value = tokenNode != null && tokenNode.isTextual() ? tokenNode.asText() : "";
        Optional<TokenProblem> problem = TokenSyntax.check(value);
        if (problem.isPresent()) {
            return new ImportedEntry.BadToken(position, problem.get());
        }
        JsonNode label = entry.get("label");
        if (label != null && !label.isNull() && (!label.isTextual() || label.asText().length() > MAX_LABEL)) {
            return new ImportedEntry.BadEntry(position, ImportedEntry.BadEntry.Why.BAD_LABEL,
                    label.isTextual() ? label.asText().length() + " characters" : label.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        Instant added = now;
        JsonNode addedNode = entry.get("added");
        if (addedNode != null && !addedNode.isNull()) {
            try {
                added = Instant.parse(addedNode.asText());
            } catch (DateTimeParseException e) {
                return new ImportedEntry.BadEntry(position, ImportedEntry.BadEntry.Why.BAD_DATE, Detail.shorten(addedNode.asText(), SHOWN));
            }
        }
        int port = SavedToken.DEFAULT_PORT;
        JsonNode portNode = entry.get("port");
        if (portNode != null && !portNode.isNull()) {
            if (!portNode.canConvertToInt() || !portNode.isIntegralNumber() || portNode.intValue() < 1 || portNode.intValue() > 65535) {
                return new ImportedEntry.BadEntry(position, ImportedEntry.BadEntry.Why.BAD_PORT, Detail.shorten(portNode.asText(), SHOWN));
            }
            port = portNode.intValue();
        }
        boolean keepOnline = entry.path("keepOnline").asBoolean(false);
        String text = label == null || label.isNull() ? "" : label.asText();
        return new ImportedEntry.Accepted(position, new SavedToken(Token.of(value), text, added, keepOnline, port));
    }

    private static ImportResult dotenv(String text, Collection<Token> existing, Instant now) {
        String[] lines = text.split("\\R", -1);
        // Split as the paste reader splits, so that its line numbers point here.
        String[] pasteLines = text.split("\r\n|\r|\n", -1);
        Set<Token> seen = new HashSet<>(existing);
        List<ImportedEntry> entries = new ArrayList<>();
        for (PastedLine pasted : TokenPaste.parse(text)) {
            PastedLine line = exactlyQuoted(pasteLines, pasted);
            int n = line.line();
            Token token = line instanceof PastedLine.Accepted a ? a.token() : line instanceof PastedLine.Duplicate d ? d.token() : null;
            if (token != null) {
                // Repeats are found here, not by the paste reader: its tokens may differ from the exact ones.
                if (seen.add(token)) {
                    entries.add(new ImportedEntry.Accepted(n, new SavedToken(token, labelAbove(lines, n), now, false, SavedToken.DEFAULT_PORT)));
                } else {
                    entries.add(new ImportedEntry.Duplicate(n, token));
                }
            } else {
                TokenProblem problem = ((PastedLine.Rejected) line).problem();
                entries.add(problem.kind() == TokenProblem.Kind.OTHER_VARIABLE
                        ? new ImportedEntry.BadEntry(n, ImportedEntry.BadEntry.Why.OTHER_VARIABLE, problem.detail())
                        : new ImportedEntry.BadToken(n, problem));
            }
        }
        if (entries.size() == 1 && entries.get(0) instanceof ImportedEntry.BadToken b && b.problem().kind() == TokenProblem.Kind.EMPTY) {
            return new ImportResult.Unreadable(ImportResult.Unreadable.Why.EMPTY, "");
        }
        return new ImportResult.Read(ExportFormat.DOTENV, entries);
    }

    /**
     * A {@code VAR='…'} or {@code VAR="…"} line of a token variable read as a shell or dotenv reads it, one
     * layer of quotes off, when that gives a valid token; the paste reader's lenient answer otherwise.
     */
    private static PastedLine exactlyQuoted(String[] lines, PastedLine pasted) {
        int n = pasted.line();
        if (n < 1 || n > lines.length) {
            return pasted;
        }
        return DotenvValue.read(lines[n - 1])
                .filter(q -> TokenPaste.TOKEN_VARIABLES.contains(q.variable().toUpperCase(Locale.ROOT)))
                .filter(q -> TokenSyntax.check(q.value()).isEmpty())
                .<PastedLine>map(q -> new PastedLine.Accepted(n, Token.of(q.value())))
                .orElse(pasted);
    }

    /** The comment on the line right above token line {@code n} (1-based), as our export writes labels. */
    private static String labelAbove(String[] lines, int n) {
        if (n < 2) {
            return "";
        }
        String above = lines[n - 2].strip();
        if (!above.startsWith("#")) {
            return "";
        }
        String label = above.substring(1).strip();
        return label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL) : label;
    }
}
