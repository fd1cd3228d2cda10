package org.tokendesk.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokendesk.store.AtomicFile;
import org.tokendesk.store.SavedToken;
import org.tokendesk.token.TokenPaste;

/**
 * Writes the token list for another machine or a bot: JSON in TokenDesk's schema, or .env lines.
 * Both hold the whole tokens, so both are written atomically and readable by the owner only,
 * and both say so inside, in the words the caller passes (the UI shows the same warning before writing).
 */
public final class TokenExport {
    public static final String FORMAT_NAME = "tokendesk-tokens";
    public static final int SCHEMA = 1;
    /** The variable the Wechaty SDK reads. */
    public static final String VARIABLE = TokenPaste.TOKEN_VARIABLES.get(0);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TokenExport() {
    }

    public static void write(Path target, List<SavedToken> tokens, ExportFormat format, Instant now, ExportNotes notes) throws IOException {
        AtomicFile.write(target, render(tokens, format, now, notes));
    }

    public static byte[] render(List<SavedToken> tokens, ExportFormat format, Instant now, ExportNotes notes) {
        return format == ExportFormat.JSON ? json(tokens, now, notes) : dotenv(tokens, notes);
    }

    private static byte[] json(List<SavedToken> tokens, Instant now, ExportNotes notes) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("schema", SCHEMA);
        root.put("exported", now.toString());
        root.put("warning", notes.warning());
        ArrayNode list = root.putArray("tokens");
        for (SavedToken t : tokens) {
            ObjectNode entry = list.addObject();
            entry.put("token", t.token().reveal());
            entry.put("label", t.label());
            entry.put("added", t.added().toString());
            entry.put("keepOnline", t.keepOnline());
            entry.put("port", t.port());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per token under a comment with its label; a blank line between, so no label is taken for the next token's. */
    private static byte[] dotenv(List<SavedToken> tokens, ExportNotes notes) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(oneLine(notes.header())).append('\n');
        out.append("# ").append(oneLine(notes.warning())).append('\n');
        for (SavedToken t : tokens) {
            out.append('\n');
            if (!t.label().isBlank()) {
                out.append("# ").append(oneLine(t.label())).append('\n');
            }
            out.append(VARIABLE).append('=').append(quoted(t.token().reveal())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Quoted for a shell and a .env so that a reader taking one layer of quotes off gets the token back exactly. */
    static String quoted(String value) {
        return DotenvValue.write(value);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\R", " ").strip();
    }
}
