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

    public Path file() {
        return file;
    }

    /** The saved settings, or the defaults when there are none or they cannot be read (the file is then set aside). */
    public Settings load() throws IOException {
        return read().settings();
    }

    /** Like {@link #load()}, and says whether a file was set aside, so that the user can be told. */
    public SettingsLoad read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new SettingsLoad.Fresh(Settings.defaults(env));
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            return setAside("corrupt", "not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return setAside("corrupt", "not a TokenDesk settings file");
        }
        int schema = root.path("schema").asInt(0);
        if (schema > Settings.SCHEMA) {
            return setAside("newer", "written by a newer TokenDesk (schema " + schema + ")");
        }
        try {
            ObjectNode merged = JSON.valueToTree(Settings.defaults(env));
            merged.setAll((ObjectNode) root);
            merged.remove("schema");
            return new SettingsLoad.Loaded(JSON.treeToValue(merged, Settings.class));
        } catch (IOException | IllegalArgumentException e) {
            return setAside("corrupt", "a setting has the wrong type");
        }
    }

    public void save(Settings settings) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", Settings.SCHEMA);
        root.setAll((ObjectNode) JSON.valueToTree(settings));
        AtomicFile.write(file, JSON.writeValueAsBytes(root));
    }

    private SettingsLoad setAside(String why, String reason) {
        try {
            return new SettingsLoad.SetAside(Settings.defaults(env), AtomicFile.setAside(file, why), reason);
        } catch (IOException e) {
            // A read-only home: the defaults still work, the file stays for the user to look at.
            return new SettingsLoad.Unusable(Settings.defaults(env), reason, e.getClass().getSimpleName());
        }
    }
}
