package org.tokendesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokendesk.secrets.Keyring;
import org.tokendesk.secrets.KeyringCheck;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenSyntax;

/**
 * The user's token list on disk: {@code tokens.json}, schema-versioned, written atomically and
 * owner-only. With a working OS keyring the secrets go there and the file keeps, per token, a
 * random reference ({@code "ref"}) beside the label and the other non-secret fields; without one
 * (or when the user chose so) the file holds the tokens themselves. A file that cannot be read is
 * never overwritten: it is moved or copied aside first; entries whose keyring cannot be reached
 * are carried through every save untouched.
 *
 * <p>Thread-safe: saves come from the saver thread, moves from the settings window's worker.
 */
public final class TokenStore {
    /** 1: tokens inline only. 2: entries may be keyring references (an older TokenDesk sets such a file aside). */
    public static final int SCHEMA = 2;
    private static final int SCHEMA_INLINE = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final KeyringCheck keyringCheck;
    private final Optional<Keyring> keyring;

    /** Where each token loaded or saved is in the keyring. */
    private Map<Token, String> refs = new HashMap<>();
    /** Entries whose keyring could not be read at load: written back as they were. */
    private List<JsonNode> carried = List.of();
    /** Keyring entries no longer referenced, still to delete (kept in the file so a crash forgets none). */
    private Set<String> retired = new LinkedHashSet<>();
    private boolean fileChosen;
    private Optional<String> keyringFailure = Optional.empty();

    /** Tokens in the file only, as before keyrings. */
    public TokenStore(Path file) {
        this(file, new KeyringCheck.Off());
    }

    public TokenStore(Path file, KeyringCheck keyringCheck) {
        this.file = file;
        this.keyringCheck = keyringCheck;
        this.keyring = keyringCheck instanceof KeyringCheck.Available a ? Optional.of(a.keyring()) : Optional.empty();
    }

    public Path file() {
        return file;
    }

    /** Releases the keyring's connection (D-Bus on Linux) when the app quits. */
    public void closeKeyring() {
        keyring.ifPresent(k -> {
            try {
                k.close();
            } catch (Exception e) {
                // Quitting: nothing left to tell.
            }
        });
    }

    /** Where new saves put the secrets. */
    public synchronized SecretStorage storage() {
        if (fileChosen) {
            return new SecretStorage.InFile(SecretStorage.Why.CHOSEN, "");
        }
        if (keyring.isEmpty()) {
            return keyringCheck instanceof KeyringCheck.Unavailable u
                    ? new SecretStorage.InFile(SecretStorage.Why.NO_KEYRING, u.why())
                    : new SecretStorage.InFile(SecretStorage.Why.KEYRING_OFF, "");
        }
        if (keyringFailure.isPresent()) {
            return new SecretStorage.InFile(SecretStorage.Why.KEYRING_FAILED, keyringFailure.get());
        }
        return new SecretStorage.InKeyring(keyring.get().name());
    }

    private boolean useKeyring() {
        return !fileChosen && keyring.isPresent();
    }

    public synchronized StoreLoad load() throws IOException {
        refs = new HashMap<>();
        carried = List.of();
        retired = new LinkedHashSet<>();
        fileChosen = false;
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
        fileChosen = root.path("fileChosen").asBoolean(false);
        for (JsonNode r : root.path("retired")) {
            if (r.isTextual()) {
                retired.add(r.asText());
            }
        }
        List<SavedToken> tokens = new ArrayList<>();
        List<JsonNode> unreached = new ArrayList<>();
        String unreachedWhy = keyringCheck instanceof KeyringCheck.Unavailable u ? u.why() : "the keyring is turned off";
        int unreadable = 0;
        boolean inline = false;
        for (JsonNode entry : root.get("tokens")) {
            Optional<SavedToken> token;
            if (entry.hasNonNull("ref") && !entry.hasNonNull("token")) {
                if (keyring.isEmpty()) {
                    unreached.add(entry);
                    continue;
                }
                String ref = entry.get("ref").asText();
                Optional<String> secret;
                try {
                    secret = keyring.get().read(ref);
                } catch (IOException e) {
                    unreached.add(entry);
                    unreachedWhy = e.getMessage();
                    continue;
                }
                token = secret.flatMap(s -> read(entry, s));
                if (token.isPresent() && refs.putIfAbsent(token.get().token(), ref) != null) {
                    retired.add(ref);
                }
            } else {
                // A number or an object where the token belongs is unreadable, not a token "123".
                token = entry.path("token").isTextual() ? read(entry, entry.path("token").asText()) : Optional.empty();
                inline |= token.isPresent();
            }
            if (token.isPresent() && tokens.stream().noneMatch(t -> t.token().equals(token.get().token()))) {
                tokens.add(token.get());
            } else if (token.isEmpty()) {
                unreadable++;
            }
        }
        carried = List.copyOf(unreached);
        StoreLoad result;
        if (!unreached.isEmpty()) {
            result = new StoreLoad.KeyringUnavailable(List.copyOf(tokens), unreached.size(), unreachedWhy);
        } else if (unreadable > 0) {
            result = new StoreLoad.Partial(List.copyOf(tokens), unreadable, AtomicFile.copyAside(file, "unreadable"));
        } else {
            result = new StoreLoad.Loaded(List.copyOf(tokens));
        }
        if (useKeyring() && (inline || !retired.isEmpty())) {
            // A keyring is here and the user did not choose the file: move what is in the file now.
            try {
                saveLocked(tokens);
            } catch (IOException e) {
                keyringFailure = Optional.of(e.getMessage());
            }
        }
        return result;
    }

    public synchronized void save(List<SavedToken> tokens) throws IOException {
        saveLocked(tokens);
    }

    private void saveLocked(List<SavedToken> tokens) throws IOException {
        Map<Token, String> newRefs = new HashMap<>();
        List<String> written = new ArrayList<>();
        boolean keyringOk = useKeyring();
        if (keyringOk) {
            try {
                for (SavedToken t : tokens) {
                    String ref = refs.get(t.token());
                    if (ref == null) {
                        ref = UUID.randomUUID().toString();
                        keyring.get().write(ref, t.token().reveal());
                        written.add(ref);
                    }
                    newRefs.put(t.token(), ref);
                }
                keyringFailure = Optional.empty();
            } catch (IOException e) {
                // Nothing may be lost: the tokens the keyring did not take go into the file this time.
                forget(written);
                written.clear();
                newRefs.clear();
                for (SavedToken t : tokens) {
                    if (refs.containsKey(t.token())) {
                        newRefs.put(t.token(), refs.get(t.token()));
                    }
                }
                keyringFailure = Optional.of(e.getMessage());
            }
        }
        Set<String> dropped = new LinkedHashSet<>(retired);
        for (String ref : refs.values()) {
            if (!newRefs.containsValue(ref)) {
                dropped.add(ref);
            }
        }
        try {
            writeFile(tokens, newRefs, dropped);
        } catch (IOException e) {
            forget(written);
            throw e;
        }
        refs = newRefs;
        retired = dropped;
        if (deleteRetired()) {
            writeFile(tokens, newRefs, retired);
        }
    }

    /**
     * Moves every secret to the keyring or to the file. The switch is the one atomic write of
     * {@code tokens.json}: before it the old place holds everything, after it the new one does.
     */
    public synchronized SecretMove moveTo(Place place) throws IOException {
        StoreLoad current = load();
        if (current instanceof StoreLoad.SetAside aside) {
            return new SecretMove.Refused(SecretMove.Reason.KEYRING_FAILED, "the token file could not be read: " + aside.reason());
        }
        if (!carried.isEmpty()) {
            return new SecretMove.Refused(SecretMove.Reason.TOKENS_UNREACHABLE,
                    carried.size() + " tokens are in a keyring that is not available now");
        }
        List<SavedToken> tokens = current.tokens();
        if (place == Place.FILE) {
            fileChosen = true;
            Set<String> dropped = new LinkedHashSet<>(retired);
            dropped.addAll(refs.values());
            writeFile(tokens, Map.of(), dropped);
            refs = new HashMap<>();
            retired = dropped;
            if (deleteRetired()) {
                writeFile(tokens, Map.of(), retired);
            }
            return new SecretMove.Moved(storage(), tokens.size());
        }
        if (keyring.isEmpty()) {
            return new SecretMove.Refused(SecretMove.Reason.NO_KEYRING,
                    keyringCheck instanceof KeyringCheck.Unavailable u ? u.why() : "the keyring is turned off");
        }
        List<String> written = new ArrayList<>();
        Map<Token, String> newRefs = new HashMap<>(refs);
        try {
            for (SavedToken t : tokens) {
                if (!newRefs.containsKey(t.token())) {
                    String ref = UUID.randomUUID().toString();
                    keyring.get().write(ref, t.token().reveal());
                    written.add(ref);
                    newRefs.put(t.token(), ref);
                }
            }
        } catch (IOException e) {
            forget(written);
            return new SecretMove.Refused(SecretMove.Reason.KEYRING_FAILED, e.getMessage());
        }
        boolean wasChosen = fileChosen;
        fileChosen = false;
        try {
            writeFile(tokens, newRefs, retired);
        } catch (IOException e) {
            fileChosen = wasChosen;
            forget(written);
            throw e;
        }
        refs = newRefs;
        keyringFailure = Optional.empty();
        return new SecretMove.Moved(storage(), tokens.size());
    }

    /** Where {@link #moveTo} puts the secrets. */
    public enum Place {
        KEYRING,
        FILE
    }

    private void writeFile(List<SavedToken> tokens, Map<Token, String> withRefs, Set<String> toRetire) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        boolean anyRef = !withRefs.isEmpty() || !carried.isEmpty() || !toRetire.isEmpty();
        root.put("schema", anyRef || fileChosen ? SCHEMA : SCHEMA_INLINE);
        root.put("storage", withRefs.isEmpty() ? "file" : "keyring");
        if (fileChosen) {
            root.put("fileChosen", true);
        }
        ArrayNode list = root.putArray("tokens");
        for (SavedToken t : tokens) {
            ObjectNode entry = list.addObject();
            String ref = withRefs.get(t.token());
            if (ref != null) {
                entry.put("ref", ref);
            } else {
                entry.put("token", t.token().reveal());
            }
            entry.put("label", t.label());
            entry.put("added", t.added().toString());
            entry.put("keepOnline", t.keepOnline());
            entry.put("port", t.port());
        }
        for (JsonNode entry : carried) {
            list.add(entry.deepCopy());
        }
        if (!toRetire.isEmpty()) {
            ArrayNode r = root.putArray("retired");
            toRetire.forEach(r::add);
        }
        AtomicFile.write(file, JSON.writeValueAsBytes(root));
    }

    /** Deletes retired keyring entries; those the keyring refuses stay listed for the next save. True when any went. */
    private boolean deleteRetired() {
        if (keyring.isEmpty() || retired.isEmpty()) {
            return false;
        }
        Set<String> left = new LinkedHashSet<>();
        for (String ref : retired) {
            try {
                keyring.get().delete(ref);
            } catch (IOException e) {
                left.add(ref);
            }
        }
        boolean anyGone = left.size() < retired.size();
        retired = left;
        return anyGone;
    }

    /** Best effort: entries written for a save or move that did not happen. */
    private void forget(List<String> written) {
        for (String ref : written) {
            try {
                keyring.get().delete(ref);
            } catch (IOException e) {
                retired.add(ref);
            }
        }
    }

    private static Optional<SavedToken> read(JsonNode entry, String value) {
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
