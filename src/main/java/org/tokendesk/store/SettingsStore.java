package org.tokendesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code settings.json} beside the tokens, with the same atomic writes and the same care for unreadable files. */
public final class SettingsStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Map<String, String> env;

    public SettingsStore(Path file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    /** The saved settings, or the defaults when there are none or they cannot be read (the file is then set aside). */
    public Settings load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Settings.defaults(env);
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new IOException("not an object");
            }
            ObjectNode merged = JSON.valueToTree(Settings.defaults(env));
            merged.setAll((ObjectNode) root);
            merged.remove("schema");
            return JSON.treeToValue(merged, Settings.class);
        } catch (IOException e) {
            AtomicFile.setAside(file, "corrupt");
            return Settings.defaults(env);
        }
    }

    public void save(Settings settings) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", Settings.SCHEMA);
        root.setAll((ObjectNode) JSON.valueToTree(settings));
        AtomicFile.write(file, JSON.writeValueAsBytes(root));
    }
}
