package org.tokendesk.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a bot folder declares, read and never written: Node's package.json and lock file (npm, yarn
 * v1 and berry, pnpm), Python's requirements.txt / pyproject.toml, Go's go.mod, a Java build file,
 * and the {@code .env}. Files over {@value #MAX_BYTES} bytes are left unread.
 */
record BotProject(Map<String, String> nodeDeclared, Map<String, Set<String>> nodeResolved, Optional<String> lockFile,
        Advice.PackageManager manager, Optional<String> grpcPin, List<String> python, Optional<PythonRuntime> pythonRuntime,
        Optional<String> go, Optional<String> java, EnvFile env, List<Advice.Unreadable> unreadable) {
    static final long MAX_BYTES = 8L * 1024 * 1024;
    static final List<String> WATCHED = List.of("@grpc/grpc-js", "wechaty-token", "wechaty", "wechaty-puppet-service",
            "wechaty-puppet-padlocal", "wechaty-puppet-workpro", "wechaty-puppet-wxwork", "wechaty-puppet-paimon", "wechaty-puppet-donut");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern YARN_VERSION = Pattern.compile("^\\s+version:?\\s+\"?([^\"\\s]+)\"?");
    private static final Pattern PNPM_KEY = Pattern.compile("^\\s+['\"]?/?(@?[^@\\s'\"/]+(?:/[^@\\s'\"/]+)?)[@/](\\d+\\.\\d+\\.\\d+[^:'\"(\\s]*)");
    private static final Pattern PYTHON = Pattern.compile("^\\s*['\"]?(wechaty(?:[-_]puppet[-_]service|[-_]puppet)?)\\b\\s*['\"]?\\s*([^#,'\"]*)",
            Pattern.CASE_INSENSITIVE);
    /** {@code 3.13.1} in .python-version, {@code python-3.13.0} in runtime.txt, {@code FROM python:3.13-slim}, {@code requires-python = ">=3.13"}. */
    private static final List<Map.Entry<String, Pattern>> PYTHON_RUNTIME = List.of(
            Map.entry(".python-version", Pattern.compile("^\\s*(?:python-?|cpython-)?(3\\.\\d+)", Pattern.MULTILINE)),
            Map.entry("runtime.txt", Pattern.compile("^\\s*python-(3\\.\\d+)", Pattern.MULTILINE)),
            Map.entry("Dockerfile", Pattern.compile("^\\s*FROM\\s+(?:\\S+/)?python:(3\\.\\d+)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE)),
            Map.entry("pyproject.toml", Pattern.compile("^\\s*requires-python\\s*=\\s*[\"']\\s*(?:>=|==|~=)\\s*(3\\.\\d+)", Pattern.MULTILINE)));
    private static final Pattern GO = Pattern.compile("github\\.com/wechaty/go-wechaty\\s+(v[0-9][^\\s]*)");

    BotProject {
        nodeDeclared = Map.copyOf(nodeDeclared);
        nodeResolved = Map.copyOf(nodeResolved);
        python = List.copyOf(python);
        unreadable = List.copyOf(unreadable);
    }

    /** The Python the folder says it runs on ({@code 3.13}), and the file that says so. */
    record PythonRuntime(String version, String file) {
    }

    boolean isNode() {
        return !nodeDeclared.isEmpty() || !nodeResolved.isEmpty();
    }

    static BotProject read(Path dir) {
        Reader r = new Reader(dir);
        Map<String, String> declared = new LinkedHashMap<>();
        Optional<String> pin = Optional.empty();
        Advice.PackageManager manager = Advice.PackageManager.NPM;
        Optional<JsonNode> pkg = r.json("package.json");
        if (pkg.isPresent()) {
            for (String field : List.of("dependencies", "devDependencies", "optionalDependencies")) {
                JsonNode deps = pkg.get().path(field);
                for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    declared.putIfAbsent(e.getKey(), e.getValue().asText());
                }
            }
            pin = pin(pkg.get());
        }
        Map<String, Set<String>> resolved = new LinkedHashMap<>();
        Optional<String> lock = Optional.empty();
        Optional<JsonNode> npmLock = r.json("package-lock.json");
        if (npmLock.isPresent()) {
            lock = Optional.of("package-lock.json");
            npmPackages(npmLock.get(), resolved);
        } else if (r.text("yarn.lock").isPresent()) {
            lock = Optional.of("yarn.lock");
            manager = Advice.PackageManager.YARN;
            yarn(r.text("yarn.lock").get(), resolved);
        } else if (r.text("pnpm-lock.yaml").isPresent()) {
            lock = Optional.of("pnpm-lock.yaml");
            manager = Advice.PackageManager.PNPM;
            pnpm(r.text("pnpm-lock.yaml").get(), resolved);
        }
        List<String> python = new ArrayList<>();
        for (String file : List.of("requirements.txt", "pyproject.toml")) {
            r.text(file).ifPresent(text -> {
                for (String line : text.split("\r?\n")) {
                    Matcher m = PYTHON.matcher(line);
                    if (m.find()) {
                        python.add((m.group(1) + " " + m.group(2).strip().replaceAll("^==?\\s*", "")).strip());
                    }
                }
            });
        }
        Optional<PythonRuntime> runtime = Optional.empty();
        for (Map.Entry<String, Pattern> source : PYTHON_RUNTIME) {
            if (runtime.isEmpty() && !python.isEmpty()) {
                runtime = r.text(source.getKey()).flatMap(text -> {
                    Matcher m = source.getValue().matcher(text);
                    return m.find() ? Optional.of(new PythonRuntime(m.group(1), source.getKey())) : Optional.empty();
                });
            }
        }
        Optional<String> go = r.text("go.mod").flatMap(text -> {
            Matcher m = GO.matcher(text);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
        Optional<String> java = Optional.empty();
        for (String file : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
            if (java.isEmpty() && r.text(file).filter(t -> t.contains("io.github.wechaty") || t.contains("wechaty-puppet-hostie")).isPresent()) {
                java = Optional.of(file);
            }
        }
        EnvFile env = r.text(".env").map(EnvFile::parse).orElseGet(() -> new EnvFile(List.of()));
        return new BotProject(declared, resolved, lock, manager, pin, python, runtime, go, java, env, r.unreadable);
    }

    /** {@code overrides} (npm), {@code resolutions} (yarn), {@code pnpm.overrides}: a pin of @grpc/grpc-js anywhere in them. */
    private static Optional<String> pin(JsonNode pkg) {
        for (JsonNode block : List.of(pkg.path("overrides"), pkg.path("resolutions"), pkg.path("pnpm").path("overrides"))) {
            for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().endsWith("@grpc/grpc-js") && e.getValue().isTextual()) {
                    return Optional.of(e.getValue().asText());
                }
                if (e.getValue().isObject() && e.getValue().path("@grpc/grpc-js").isTextual()) {
                    return Optional.of(e.getValue().path("@grpc/grpc-js").asText());
                }
            }
        }
        return Optional.empty();
    }

    /** lockfileVersion 2 and 3 list {@code packages} by path; version 1 nests {@code dependencies}. */
    private static void npmPackages(JsonNode lock, Map<String, Set<String>> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = lock.path("packages").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int cut = e.getKey().lastIndexOf("node_modules/");
            if (cut >= 0 && e.getValue().path("version").isTextual()) {
                add(out, e.getKey().substring(cut + "node_modules/".length()), e.getValue().path("version").asText());
            }
        }
        if (lock.path("packages").isMissingNode()) {
            nested(lock.path("dependencies"), out, 0);
        }
    }

    private static void nested(JsonNode deps, Map<String, Set<String>> out, int depth) {
        if (depth > 64) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("version").isTextual()) {
                add(out, e.getKey(), e.getValue().path("version").asText());
            }
            nested(e.getValue().path("dependencies"), out, depth + 1);
        }
    }

    /** {@code "@grpc/grpc-js@^1.3.7", "@grpc/grpc-js@^1.4.4":} then {@code   version "1.14.7"} (v1) or {@code   version: 1.14.7} (berry). */
    private static void yarn(String text, Map<String, Set<String>> out) {
        String current = null;
        for (String line : text.split("\r?\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                String first = line.split(",")[0].strip().replace("\"", "");
                int at = first.indexOf('@', 1);
                current = at > 0 ? first.substring(0, at) : null;
            } else if (current != null) {
                Matcher m = YARN_VERSION.matcher(line);
                if (m.find()) {
                    add(out, current, m.group(1));
                    current = null;
                }
            }
        }
    }

    /** Keys under {@code packages:}: {@code /@grpc/grpc-js/1.9.15:} (v5), {@code /@grpc/grpc-js@1.9.15:} (v6), {@code '@grpc/grpc-js@1.9.15':} (v9). */
    private static void pnpm(String text, Map<String, Set<String>> out) {
        boolean inPackages = false;
        for (String line : text.split("\r?\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                inPackages = line.startsWith("packages:");
                continue;
            }
            Matcher m = PNPM_KEY.matcher(line);
            if (inPackages && line.startsWith("  ") && !line.startsWith("   ") && m.find()) {
                add(out, m.group(1), m.group(2));
            }
        }
    }

    private static void add(Map<String, Set<String>> out, String name, String version) {
        if (WATCHED.contains(name)) {
            out.computeIfAbsent(name, k -> new TreeSet<>(Semver::compare)).add(version);
        }
    }

    /** Reads files of the folder, bounded, and notes those it could not read. */
    private static final class Reader {
        private final Path dir;
        private final List<Advice.Unreadable> unreadable = new ArrayList<>();
        private final Map<String, Optional<String>> cache = new LinkedHashMap<>();

        Reader(Path dir) {
            this.dir = dir;
        }

        Optional<String> text(String name) {
            return cache.computeIfAbsent(name, this::load);
        }

        private Optional<String> load(String name) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                if (Files.size(file) > MAX_BYTES) {
                    unreadable.add(new Advice.Unreadable(name, "over " + MAX_BYTES / (1024 * 1024) + " MB"));
                    return Optional.empty();
                }
                return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            } catch (IOException e) {
                unreadable.add(new Advice.Unreadable(name, e.getClass().getSimpleName()));
                return Optional.empty();
            }
        }

        Optional<JsonNode> json(String name) {
            Optional<String> text = text(name);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(JSON.readTree(text.get()));
            } catch (IOException e) {
                unreadable.add(new Advice.Unreadable(name, "not JSON"));
                return Optional.empty();
            }
        }
    }
}
