package org.tokendesk.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.tokendesk.store.AtomicFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code update.json} beside the settings: the answer and the last check's time. Its own file, so
 * the update check never touches the settings or the token list. A file that cannot be read counts
 * as "not asked": the worst outcome is one more question.
 */
public final class UpdatePreferencesStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SIZE = 4096;

    private final Path file;

    public UpdatePreferencesStore(Path file) {
        this.file = file;
    }

    public static UpdatePreferencesStore in(Path configFolder) {
        return new UpdatePreferencesStore(configFolder.resolve("update.json"));
    }

    public Path file() {
        return file;
    }

    public UpdatePreferences load() {
        try {
            if (Files.size(file) > MAX_SIZE) {
                return UpdatePreferences.NOT_ASKED;
            }
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject() || !node.path("asked").isBoolean() || !node.path("enabled").isBoolean()) {
                return UpdatePreferences.NOT_ASKED;
            }
            Instant last = node.path("lastChecked").isTextual() ? Instant.parse(node.path("lastChecked").asText()) : null;
            return new UpdatePreferences(node.path("asked").asBoolean(), node.path("enabled").asBoolean(), last);
        } catch (NoSuchFileException e) {
            return UpdatePreferences.NOT_ASKED;
        } catch (IOException | DateTimeParseException e) {
            return UpdatePreferences.NOT_ASKED;
        }
    }

    public void save(UpdatePreferences preferences) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", 1);
        node.put("asked", preferences.asked());
        node.put("enabled", preferences.enabled());
        if (preferences.lastChecked() != null) {
            node.put("lastChecked", preferences.lastChecked().toString());
        }
        AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }
}
