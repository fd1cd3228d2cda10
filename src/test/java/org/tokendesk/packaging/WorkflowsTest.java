package org.tokendesk.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The GitHub Actions workflows can only run on GitHub's runners; what can be checked without them
 * is checked here: the jobs and runners, that every script and command they call exists in this
 * repository and runs the commands README documents, pinned actions, versions named once.
 */
class WorkflowsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SCRIPT = Pattern.compile("(?<![\\w/.-])((?:packaging|bench|docs|\\.ci)/[\\w./-]+\\.(?:sh|ps1|java))");
    private static final Pattern MVN = Pattern.compile("(?m)(?<![\\w-])mvn((?:[ \\t]+[^\\s;&|`#)]+)+)");
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}");
    private static final Set<String> QUIET_FLAGS = Set.of("-B", "--batch-mode", "-q", "--quiet", "-ntp", "--no-transfer-progress");

    private final JsonNode ci = read("ci.yml");
    private final JsonNode release = read("release.yml");

    @Test
    void ciVerifiesOnLinuxWindowsAndMacOnEveryPush() {
        assertTrue(ci.path("on").has("push"), "ci.yml runs on push");
        assertTrue(ci.path("on").path("push").isNull() || !ci.path("on").path("push").has("branches"),
                "every push, not some branches");
        JsonNode verify = ci.path("jobs").path("verify");
        List<String> runners = texts(verify.path("strategy").path("matrix").path("os"));
        assertEquals(Set.of("ubuntu", "windows", "macos"), families(runners), "runners " + runners);
        assertTrue(commands(verify).contains("mvn -B verify"), "the job runs mvn -B verify: " + commands(verify));
    }

    @Test
    void releaseRunsOnVersionTagsAndBuildsEveryInstallerOnItsOwnOs() {
        assertEquals(List.of("v*"), texts(release.path("on").path("push").path("tags")));
        JsonNode jobs = release.path("jobs");
        assertTrue(jobs.path("linux").path("runs-on").asText().startsWith("ubuntu-"));
        assertEquals(List.of("deb", "rpm"), texts(jobs.path("linux").path("strategy").path("matrix").path("type")));
        assertTrue(jobs.path("windows").path("runs-on").asText().startsWith("windows-"));
        Map<String, String> macRunners = new HashMap<>();
        for (JsonNode leg : jobs.path("macos").path("strategy").path("matrix").path("include")) {
            macRunners.put(leg.path("arch").asText(), leg.path("runner").asText());
        }
        assertEquals(Set.of("arm64", "x64"), macRunners.keySet());
        assertTrue(macRunners.get("x64").endsWith("-intel"), "x64 .dmg needs an Intel runner: " + macRunners);
        assertFalse(macRunners.get("arm64").contains("intel"), macRunners.toString());

        JsonNode publish = jobs.path("publish");
        assertEquals(Set.of("version", "linux", "windows", "macos"), new TreeSet<>(texts(publish.path("needs"))));
        assertEquals("write", publish.path("permissions").path("contents").asText());
        assertEquals("read", release.path("permissions").path("contents").asText(), "only publish may write");
        String publishing = String.join("\n", commands(publish));
        assertTrue(publishing.contains("packaging/release-notes.sh"), "SHA256SUMS and notes");
        assertTrue(publishing.contains("gh release create"), publishing);
    }

    @Test
    void everyInstallerIsSmokeTestedAndCollectedWithItsSbom() {
        JsonNode jobs = release.path("jobs");
        Map<String, String> smoke = Map.of(
                "linux", "packaging/linux/check-installer.sh",
                "windows", "packaging/windows/smoke-test.ps1",
                "macos", "packaging/macos/smoke-test.sh");
        smoke.forEach((job, script) -> {
            String run = String.join("\n", commands(jobs.path(job)));
            assertTrue(run.contains(script), job + " smoke-tests with " + script);
            assertTrue(run.contains("packaging/collect.sh"), job + " collects installer and SBOM");
            assertTrue(uses(jobs.path(job)).stream().anyMatch(u -> u.startsWith("actions/upload-artifact@")), job);
        });
        assertTrue(String.join("\n", commands(jobs.path("linux"))).contains("check-installer.sh deb --install"),
                "the .deb is installed for real and removed");
    }

    @Test
    void signingAndNotarisationRunOnlyWhenTheirSecretsAreSet() {
        JsonNode jobs = release.path("jobs");
        assertEquals("env.WINDOWS_CERTIFICATE != ''", step(jobs.path("windows"), "packaging/windows/sign.ps1").path("if").asText());
        assertTrue(step(jobs.path("macos"), "packaging/macos/import-certificate.sh").path("if").asText().contains("env.MACOS_CERTIFICATE != ''"));
        assertTrue(step(jobs.path("macos"), "packaging/macos/notarize.sh").path("if").asText().contains("env.MACOS_NOTARY_APPLE_ID != ''"));
        for (String job : List.of("windows", "macos")) {
            JsonNode env = jobs.path(job).path("env");
            env.fieldNames().forEachRemaining(name ->
                    assertEquals("${{ secrets." + name + " }}", env.path(name).asText(), job + " takes " + name + " from its secret"));
            JsonNode collect = step(jobs.path(job), "packaging/collect.sh");
            assertEquals("bash packaging/collect.sh \"$SIGNING\"", collect.path("run").asText().strip());
            assertTrue(collect.path("env").path("SIGNING").asText().contains("'unsigned"), job + " says when it is unsigned: " + collect);
        }
    }

    @Test
    void everyScriptTheWorkflowsCallExists() throws IOException {
        Set<String> scripts = new TreeSet<>();
        for (JsonNode workflow : List.of(ci, release)) {
            for (JsonNode job : workflow.path("jobs")) {
                for (String run : commands(job)) {
                    Matcher m = SCRIPT.matcher(run);
                    while (m.find()) {
                        scripts.add(m.group(1));
                    }
                }
            }
        }
        // What those scripts call in turn.
        for (String script : List.copyOf(scripts)) {
            Matcher m = SCRIPT.matcher(Files.readString(ROOT.resolve(script)));
            while (m.find()) {
                scripts.add(m.group(1));
            }
        }
        // The Windows jobs run the bash scripts in Git Bash, on a checkout that turns LF into CRLF unless told not to.
        assertTrue(Files.readAllLines(ROOT.resolve(".gitattributes")).contains("*.sh text eol=lf"), ".gitattributes keeps *.sh at LF");
        assertTrue(scripts.containsAll(Set.of("packaging/linux/check-installer.sh", "packaging/windows/install-wix.ps1",
                "packaging/macos/smoke-test.sh", "packaging/release-version.sh", "packaging/launcher-version.sh")), scripts.toString());
        for (String script : scripts) {
            Path file = ROOT.resolve(script);
            assertTrue(Files.isRegularFile(file), script + " is called by a workflow but is not in the repository");
            if (script.endsWith(".sh")) {
                assertTrue(Files.readString(file).startsWith("#!/usr/bin/env bash"), script + " starts with a bash shebang");
                assertTrue(Files.isExecutable(file), script + " is executable");
            }
        }
    }

    @Test
    void mavenCommandsAreTheOnesReadmeDocuments() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String docs = readme + Files.readString(ROOT.resolve("packaging/README.md"));
        Set<List<String>> documented = new LinkedHashSet<>();
        Matcher inReadme = MVN.matcher(readme);
        while (inReadme.find()) {
            documented.add(goals(inReadme.group(1)));
        }
        assertTrue(documented.contains(List.of("-Ppackage", "package")), "README documents mvn -Ppackage package");

        List<String> used = new ArrayList<>();
        for (JsonNode workflow : List.of(ci, release)) {
            for (JsonNode job : workflow.path("jobs")) {
                commands(job).forEach(used::add);
            }
        }
        used.add(Files.readString(ROOT.resolve("packaging/linux/check-installer.sh")));
        int seen = 0;
        for (String text : used) {
            Matcher m = MVN.matcher(text);
            while (m.find()) {
                seen++;
                String command = "mvn" + m.group(1);
                assertTrue(documented.contains(goals(m.group(1))), command + " is not a command README documents: " + documented);
                for (String property : properties(m.group(1))) {
                    assertTrue(docs.contains(property), command + ": " + property + " is not documented in README or packaging/README");
                }
            }
        }
        assertTrue(seen >= 4, "mvn commands found: " + seen);
    }

    @Test
    void actionsArePinnedToCommitsAndVersionsNamedOnce() throws IOException {
        Map<String, String> pins = new HashMap<>();
        for (String file : List.of("ci.yml", "release.yml")) {
            String text = Files.readString(WORKFLOWS.resolve(file));
            for (String line : text.lines().filter(l -> l.strip().startsWith("- uses:") || l.strip().startsWith("uses:")).collect(Collectors.toList())) {
                String action = line.substring(line.indexOf("uses:") + 5).replaceAll("#.*", "").strip();
                assertTrue(PINNED.matcher(action).matches(), file + ": " + action + " is not pinned to a full commit");
                assertTrue(line.matches(".*# v\\d+\\.\\d+\\.\\d+$"), file + ": " + line.strip() + " names its exact tag");
                String name = action.substring(0, action.indexOf('@'));
                String before = pins.putIfAbsent(name, action);
                assertTrue(before == null || before.equals(action), name + " is pinned to two commits");
            }
        }
        assertTrue(pins.keySet().containsAll(Set.of("actions/checkout", "actions/setup-java", "actions/upload-artifact")), pins.toString());

        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String release17 = pom.replaceAll("(?s).*<maven.compiler.release>(\\d+)</maven.compiler.release>.*", "$1");
        assertEquals(release17, ci.path("env").path("JAVA_VERSION").asText(), "CI builds with the JDK pom.xml targets");
        assertEquals(ci.path("env").path("JAVA_VERSION"), release.path("env").path("JAVA_VERSION"));
        assertEquals(ci.path("env").path("JAVA_DISTRIBUTION"), release.path("env").path("JAVA_DISTRIBUTION"));
        for (JsonNode workflow : List.of(ci, release)) {
            for (JsonNode job : workflow.path("jobs")) {
                for (JsonNode step : job.path("steps")) {
                    if (step.path("uses").asText().startsWith("actions/setup-java@")) {
                        assertEquals("${{ env.JAVA_VERSION }}", step.path("with").path("java-version").asText());
                        assertEquals("${{ env.JAVA_DISTRIBUTION }}", step.path("with").path("distribution").asText());
                    }
                }
            }
        }
        String wix = release.path("env").path("WIX_VERSION").asText();
        assertTrue(wix.startsWith("3."), "JDK 17's jpackage needs WiX 3, not " + wix);
        String text = Files.readString(WORKFLOWS.resolve("release.yml"));
        assertEquals(1, text.split(Pattern.quote(wix), -1).length - 1, "the WiX version is named once");
        assertTrue(String.join("\n", commands(release.path("jobs").path("windows"))).contains("-Version $env:WIX_VERSION"));
    }

    private static JsonNode read(String name) {
        try {
            return YAML.readTree(WORKFLOWS.resolve(name).toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot parse " + name, e);
        }
    }

    private static List<String> texts(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).collect(Collectors.toList());
    }

    private static Set<String> families(List<String> runners) {
        return runners.stream().map(r -> r.replaceAll("-.*", "")).collect(Collectors.toSet());
    }

    private static List<String> commands(JsonNode job) {
        List<String> runs = new ArrayList<>();
        for (JsonNode step : job.path("steps")) {
            if (step.has("run")) {
                runs.add(step.path("run").asText().strip());
            }
        }
        return runs;
    }

    private static List<String> uses(JsonNode job) {
        List<String> all = new ArrayList<>();
        job.path("steps").forEach(step -> all.add(step.path("uses").asText()));
        return all;
    }

    private static JsonNode step(JsonNode job, String running) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("run").asText().contains(running)) {
                return step;
            }
        }
        throw new AssertionError("no step runs " + running);
    }

    /** Goals and profiles, in order, without output flags and -D properties. */
    private static List<String> goals(String arguments) {
        return words(arguments).stream().filter(w -> !w.startsWith("-D") && !QUIET_FLAGS.contains(w)).collect(Collectors.toList());
    }

    /** -D properties by name (-Djpackage.type=rpm and -Djpackage.type="$type" are the same). */
    private static List<String> properties(String arguments) {
        return words(arguments).stream().filter(w -> w.startsWith("-D")).map(w -> w.replaceAll("=.*", "")).collect(Collectors.toList());
    }

    private static List<String> words(String arguments) {
        List<String> words = new ArrayList<>();
        for (String w : arguments.strip().split("\\s+")) {
            words.add(w);
        }
        return words;
    }
}
