package org.tokendesk.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.tokendesk.chain.SdkFix;
import org.tokendesk.i18n.Text;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;
import org.tokendesk.i18n.DoctorWords;

/** The doctor's rules on bot folders whose lock files npm wrote (src/test/resources/org/tokendesk/doctor). */
class ExaminationTest {
    static final Token NODE_TOKEN = Token.of("insecure_0d6f2c3e-5b1a-4c8e-9f7d-3a2b1c0d9e8f");

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(ExaminationTest.class.getResource(name + "/.env").toURI()).getParent();
    }

    private static <T extends Advice> Optional<T> find(Examination exam, Class<T> type) {
        return exam.advice().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private static void wordsFor(Examination exam, Token... tokens) {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Text.use(locale);
            for (Advice a : exam.advice()) {
                String words = DoctorWords.of(a) + DoctorWords.severity(a);
                assertFalse(words.contains("!doctor.") || words.matches("(?s).*\\{\\d.*"), words);
                TokenLeaks.of(tokens).assertNoneIn("advice", words);
            }
        }
        Text.use(Locale.ENGLISH);
    }

    @Test
    void wechatyTokenWithANewGrpcJsIsTheKnownCrashWithTheOverrideThatFixesIt() throws Exception {
        Examination exam = Examination.of(fixture("node-crash"), List.of());

        Advice.GrpcCrash crash = find(exam, Advice.GrpcCrash.class).orElseThrow();
        assertEquals("1.14.7", crash.grpcJs());
        assertEquals("1.1.2", crash.wechatyToken());
        assertEquals("package-lock.json", crash.where());
        Text.use(Locale.ENGLISH);
        assertTrue(DoctorWords.of(crash).contains("\"overrides\": { \"@grpc/grpc-js\": \"1.9.15\" }"), DoctorWords.of(crash));
        assertTrue(DoctorWords.of(crash).contains("Cannot use 'in' operator to search for 'port' in undefined"), DoctorWords.of(crash));
        assertEquals(Optional.of(NODE_TOKEN), exam.token());
        assertTrue(exam.hasProblems());
        TokenLeaks.of(NODE_TOKEN).assertNoneIn("examination", exam.toString());
        wordsFor(exam, NODE_TOKEN);
    }

    @Test
    void thePinnedOverrideIsNotACrashButOldNamesAndQuotesAreReported() throws Exception {
        Examination exam = Examination.of(fixture("node-pinned"), List.of());

        assertEquals(Optional.empty(), find(exam, Advice.GrpcCrash.class));
        assertEquals(Set.of("1.9.15"), Set.copyOf(List.of(exam.summary().node().get("@grpc/grpc-js"))));
        List<String> deprecated = exam.advice().stream().filter(Advice.Deprecated.class::isInstance)
                .map(a -> ((Advice.Deprecated) a).variable()).toList();
        assertEquals(List.of("WECHATY_PUPPET_HOSTIE_TOKEN", "WECHATY_SERVICE_DISCOVERY_ENDPOINT"), deprecated);
        assertEquals("WECHATY_PUPPET_HOSTIE_TOKEN", find(exam, Advice.StrayQuotes.class).orElseThrow().variable());
        assertEquals("WECHATY_PUPPET_SERVICE_AUTHORITY", find(exam, Advice.StraySpaces.class).orElseThrow().variable());
        wordsFor(exam);
    }

    @Test
    void pythonIgnoresTheAuthorityTheEnvSets() throws Exception {
        Token workpro = Token.of("puppet_workpro_2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e");
        Token renewed = Token.of("puppet_workpro_99999999-6f7a-4b8c-9d0e-1f2a3b4c5d6e");
        Examination exam = Examination.of(fixture("python-bot"), List.of(renewed));

        Advice.IgnoresAuthority ignores = find(exam, Advice.IgnoresAuthority.class).orElseThrow();
        assertEquals(SdkFix.Sdk.PYTHON, ignores.sdk());
        assertTrue(ignores.authoritySet());
        assertEquals(Advice.Severity.PROBLEM, ignores.severity());
        Advice.TokenNotInList differs = find(exam, Advice.TokenNotInList.class).orElseThrow();
        assertEquals(Optional.of(renewed.masked()), differs.sameProvider());
        assertEquals(workpro.masked(), differs.masked());
        assertEquals("token-service-discovery-test.juzibot.com", exam.env().get("WECHATY_PUPPET_SERVICE_AUTHORITY"));
        wordsFor(exam, workpro, renewed);
    }

    @Test
    void goDialsPlaintextAndBeforeV0411IgnoresTheAuthority(@TempDir Path dir) throws Exception {
        Examination exam = Examination.of(fixture("go-bot"), List.of());

        assertEquals(Optional.of("v0.4.9"), exam.summary().go());
        assertEquals("v0.4.9", find(exam, Advice.GoPlaintextOnly.class).orElseThrow().version());
        // The fixture's authority is api.chatie.io, where v0.4.9 asks anyway: nothing breaks.
        Advice.IgnoresAuthority ignores = find(exam, Advice.IgnoresAuthority.class).orElseThrow();
        assertEquals(SdkFix.Sdk.GO, ignores.sdk());
        assertFalse(ignores.authoritySet());
        assertFalse(exam.hasProblems());
        wordsFor(exam);

        Files.writeString(dir.resolve("go.mod"), "module example.com/bot\n\ngo 1.21\n\nrequire github.com/wechaty/go-wechaty v0.4.9\n");
        Files.writeString(dir.resolve(".env"), "WECHATY_PUPPET_SERVICE_AUTHORITY=token-service-discovery-test.juzibot.com\n");
        assertTrue(find(Examination.of(dir, List.of()), Advice.IgnoresAuthority.class).orElseThrow().authoritySet());
        assertTrue(Examination.of(dir, List.of()).hasProblems());

        Files.writeString(dir.resolve("go.mod"), "module example.com/bot\n\ngo 1.21\n\nrequire github.com/wechaty/go-wechaty v0.4.15\n");
        Examination recent = Examination.of(dir, List.of());
        assertEquals(Optional.empty(), find(recent, Advice.IgnoresAuthority.class));
        assertTrue(find(recent, Advice.GoPlaintextOnly.class).isPresent());
    }

    @Test
    void pythonPuppetServiceOnPython313StopsAtImport(@TempDir Path dir) throws Exception {
        Advice.PythonTelnetlib unknown = find(Examination.of(fixture("python-bot"), List.of()), Advice.PythonTelnetlib.class).orElseThrow();
        assertEquals(Advice.Severity.NOTE, unknown.severity());
        assertTrue(unknown.declared().startsWith("wechaty-puppet-service") && unknown.declared().endsWith("0.8.10"), unknown.declared());

        Files.writeString(dir.resolve("requirements.txt"), "wechaty-puppet-service==0.8.10\n");
        Files.writeString(dir.resolve(".python-version"), "3.13.1\n");
        Advice.PythonTelnetlib declared = find(Examination.of(dir, List.of()), Advice.PythonTelnetlib.class).orElseThrow();
        assertEquals(Optional.of("3.13"), declared.runtime());
        assertEquals(Optional.of(".python-version"), declared.file());
        assertEquals(Advice.Severity.PROBLEM, declared.severity());
        Text.use(Locale.ENGLISH);
        assertTrue(DoctorWords.of(declared).contains("No module named 'telnetlib'"), DoctorWords.of(declared));

        Files.delete(dir.resolve(".python-version"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM docker.io/library/python:3.12-slim\nRUN pip install -r requirements.txt\n");
        assertEquals(Optional.empty(), find(Examination.of(dir, List.of()), Advice.PythonTelnetlib.class));
        Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.14\n");
        assertEquals(Optional.of("Dockerfile"), find(Examination.of(dir, List.of()), Advice.PythonTelnetlib.class).orElseThrow().file());
    }

    @Test
    void aNodeBotWithoutLockFileAndWithoutPinWillCrashOnAFreshInstall(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("package.json"), "{\"dependencies\":{\"wechaty\":\"^1.20.2\",\"wechaty-puppet-service\":\"^1.19.9\"}}");
        assertInstanceOf(Advice.GrpcUnpinned.class, Examination.of(dir, List.of()).advice().get(0));

        Files.writeString(dir.resolve("package.json"), "{\"dependencies\":{\"wechaty-puppet-service\":\"^1.19.9\"},"
                + "\"resolutions\":{\"@grpc/grpc-js\":\"1.9.15\"}}");
        assertEquals(Optional.empty(), find(Examination.of(dir, List.of()), Advice.GrpcUnpinned.class));
    }

    /** Lock files written by the real tools (yarn 1.22.22, yarn 4.18.1, pnpm 9.15.9) for the same package.json as node-crash. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"node-yarn, yarn.lock, YARN", "node-berry, yarn.lock, YARN", "node-pnpm, pnpm-lock.yaml, PNPM"})
    void everyLockFileOfTheCrashIsFoundWithItsManagersFix(String folder, String lock, Advice.PackageManager manager) throws Exception {
        Examination exam = Examination.of(fixture(folder), List.of());

        Advice.GrpcCrash crash = find(exam, Advice.GrpcCrash.class).orElseThrow(() -> new AssertionError(exam.advice().toString()));
        assertEquals("1.14.7", crash.grpcJs());
        assertEquals("1.1.2", crash.wechatyToken());
        assertEquals(lock, crash.where());
        assertEquals(manager, crash.manager());
        Text.use(Locale.ENGLISH);
        String fix = manager == Advice.PackageManager.PNPM ? "\"pnpm\": { \"overrides\": { \"@grpc/grpc-js\": \"1.9.15\" } }"
                : "\"resolutions\": { \"@grpc/grpc-js\": \"1.9.15\" }";
        assertTrue(DoctorWords.of(crash).contains(fix), DoctorWords.of(crash));
        assertEquals(Optional.of(NODE_TOKEN), exam.token());
        wordsFor(exam, NODE_TOKEN);
    }

    /** The pins as yarn ({@code resolutions}) and pnpm ({@code pnpm.overrides}) resolved them: 1.9.15 only, no crash. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"node-yarn-pinned", "node-pnpm-pinned"})
    void thePinEachManagerWroteIsNotACrash(String folder) throws Exception {
        Examination exam = Examination.of(fixture(folder), List.of());

        assertEquals(Optional.empty(), find(exam, Advice.GrpcCrash.class));
        assertEquals(Optional.empty(), find(exam, Advice.GrpcUnpinned.class));
        assertEquals("1.9.15", exam.summary().node().get("@grpc/grpc-js"));
        assertEquals("1.1.2", exam.summary().node().get("wechaty-token"));
    }

    @Test
    void yarnAndPnpmLockFilesAreReadToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("package.json"), "{\"dependencies\":{\"wechaty-puppet-service\":\"^1.19.9\"}}");
        Files.writeString(dir.resolve("yarn.lock"), String.join("\n",
                "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", "",
                "\"@grpc/grpc-js@^1.3.7\", \"@grpc/grpc-js@^1.4.4\":", "  version \"1.12.2\"",
                "  resolved \"https://registry.yarnpkg.com/@grpc/grpc-js/-/grpc-js-1.12.2.tgz\"", "",
                "wechaty-token@^1.1.2:", "  version \"1.1.2\"", ""));
        Advice.GrpcCrash yarn = find(Examination.of(dir, List.of()), Advice.GrpcCrash.class).orElseThrow();
        assertEquals("1.12.2", yarn.grpcJs());
        assertTrue(DoctorWords.of(yarn).contains("\"resolutions\""));

        Files.delete(dir.resolve("yarn.lock"));
        Files.writeString(dir.resolve("pnpm-lock.yaml"), String.join("\n",
                "lockfileVersion: '9.0'", "", "packages:", "", "  '@grpc/grpc-js@1.9.15':",
                "    resolution: {integrity: sha512-x}", "", "  wechaty-token@1.1.2:", "    resolution: {integrity: sha512-y}", ""));
        Examination pnpm = Examination.of(dir, List.of());
        assertEquals(Optional.empty(), find(pnpm, Advice.GrpcCrash.class));
        assertEquals("1.9.15", pnpm.summary().node().get("@grpc/grpc-js"));
    }

    @Test
    void aPuppetOfOneProviderWithAnotherProvidersTokenIsPointedOut(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("package.json"), "{\"dependencies\":{\"wechaty-puppet-padlocal\":\"^1.20.1\"}}");
        Files.writeString(dir.resolve(".env"), "WECHATY_PUPPET_SERVICE_TOKEN=puppet_workpro_2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e\n");
        assertEquals("wechaty-puppet-padlocal", find(Examination.of(dir, List.of()), Advice.TokenForAnotherPuppet.class).orElseThrow().puppet());
    }

    @Test
    void notAFolderIsRefused(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> Examination.of(dir.resolve("missing"), List.of()));
    }

    @Test
    void dotenvValuesAreReadAsDotenvReadsThem() {
        EnvFile env = EnvFile.parse("export A=1\nB = \"two \" \nC='x' # note\nD=plain # comment\n# E=no\n");
        assertEquals(Map.of("A", "1", "B", "two ", "C", "x", "D", "plain"), env.values());
    }
}
