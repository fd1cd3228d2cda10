package org.tokendesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokendesk.token.Token;
import org.tokendesk.token.TokenSyntax;

/**
 * The user's token list on disk: {@code tokens.json}, schema-versioned, written atomically and
 * owner-only. A file that cannot be read is never overwritten: it is moved or copied aside first.
 */
public final class TokenStore {
    public static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public TokenStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public StoreLoad load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new StoreLoad.Fresh();
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            return new StoreLoad.SetAside(AtomicFile.setAside(file, "corrupt"), "not valid JSON" + where);
        } catch (IOException e) {
            // Jackson reports some undecodable bytes as plain IOExceptions; the bytes are in memory, so nothing else can fail.
            return new StoreLoad.SetAside(AtomicFile.setAside(file, "corrupt"), "not valid JSON");
        }
        if (root == null || !root.isObject() || !root.path("tokens").isArray()) {
            return new StoreLoad.SetAside(AtomicFile.setAside(file, "corrupt"), "not a TokenDesk token list");
        }
        int schema = root.path("schema").asInt(0);
        if (schema > SCHEMA) {
            return new StoreLoad.SetAside(AtomicFile.setAside(file, "newer"), "written by a newer TokenDesk (schema " + schema + ")");
        }
        List<SavedToken> tokens = new ArrayList<>();
        int unreadable = 0;
        for (JsonNode entry : root.get("tokens")) {
            Optional<SavedToken> token = read(entry);
            if (token.isPresent() && tokens.stream().noneMatch(t -> t.token().equals(token.get().token()))) {
                tokens.add(token.get());
            } else if (token.isEmpty()) {
                unreadable++;
            }
        }
        if (unreadable > 0) {
            return new StoreLoad.Partial(List.copyOf(tokens), unreadable, AtomicFile.copyAside(file, "unreadable"));
        }
        return new StoreLoad.Loaded(List.copyOf(tokens));
    }

    public void save(List<SavedToken> tokens) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        ArrayNode list = root.putArray("tokens");
        for (SavedToken t : tokens) {
            ObjectNode entry = list.addObject();
            entry.put("token", t.token().reveal());
            entry.put("label", t.label());
            entry.put("added", t.added().toString());
            entry.put("keepOnline", t.keepOnline());
            entry.put("port", t.port());
        }
        AtomicFile.write(file, JSON.writeValueAsBytes(root));
    }

    private static Optional<SavedToken> read(JsonNode entry) {
        if (!entry.path("token").isTextual()) {
            return Optional.empty();
        }
        String value = entry.path("token").asText();
        if (TokenSyntax.check(value).isPresent()) {
            return Optional.empty();
        }
        Instant added;
        try {
            added = entry.hasNonNull("added") ? Instant.parse(entry.get("added").asText()) : Instant.EPOCH;
        } catch (DateTimeParseException e) {
            added = Instant.EPOCH;
        }
        int port = entry.path("port").asInt(SavedToken.DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            port = SavedToken.DEFAULT_PORT;
        }
        return Optional.of(new SavedToken(Token.of(value), entry.path("label").asText(""), added,
                entry.path("keepOnline").asBoolean(false), port));
    }
}
