package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.i18n.Text;
import org.tokendesk.net.CaFile;
import org.tokendesk.i18n.RegistryCaWords;
import org.tokendesk.net.Http;
import org.tokendesk.registry.RegistryServer;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.testing.OwnCaRegistry;
import org.tokendesk.testing.TestPki;

/** {@code check --ca PEM}, and the CA file saved in Settings for the registry it asks. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckCaTest {
    private static final String TOKEN = "insecure_11111111-aaaa-4bbb-8ccc-000000000001";
    private static final Http.Timeouts QUICK = new Http.Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(6));

    @TempDir
    Path home;
    @TempDir
    Path pkiDir;
    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private RegistryServer server;
    private Path ca;
    private String url;

    @BeforeEach
    void start() throws Exception {
        Text.use(Locale.ENGLISH);
        env.put("TOKENDESK_HOME", home.toString());
        env.put("TOKENDESK_HISTORY", "off");
        TestPki pki = TestPki.newCa("Home lab CA");
        server = OwnCaRegistry.serve(pkiDir, pki, "lab");
        ca = Files.writeString(pkiDir.resolve("lab-ca.pem"), org.tokendesk.registry.tls.Pem.certificates(pki.caCertificate()));
        url = "https://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), env, QUICK);
        return Cli.run(args, context, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** The words of a problem, without the file name (MISSING: before it; the others: after it). */
    private static String words(CaFile.Problem problem) {
        String text = RegistryCaWords.of(problem, "\u0000");
        int at = text.indexOf('\u0000');
        return problem == CaFile.Problem.MISSING ? text.substring(0, at) : text.substring(at);
    }

    @Test
    void withoutTheCaTheRegistryIsUntrustedAndWithItItAnswers() {
        assertEquals(Cli.ERROR, run("check", "--registry", url, TOKEN), err::toString);
        String untrusted = out.toString();
        // The registry's own 404 is read only once the handshake passed: exit 1, not registered.
        assertEquals(1, run("check", "--registry", url, "--ca", ca.toString(), TOKEN), () -> untrusted + out + err);
        assertTrue(out.toString().contains(Text.get("lookup.notRegistered.status", "404")), out::toString);
        assertTrue(!untrusted.contains(Text.get("lookup.notRegistered.status", "404")), untrusted);
    }

    @Test
    void aCaFileThatIsMissingOrNotACertificateIsRefusedWithWhyAndNothingIsAsked() throws Exception {
        Path missing = pkiDir.resolve("nowhere.pem");
        assertEquals(Cli.ERROR, run("check", "--registry", url, "--ca", missing.toString(), TOKEN));
        // The output scrubber shortens the temp folder's long random name: the words and the file name are checked.
        assertTrue(err.toString().contains(words(CaFile.Problem.MISSING)) && err.toString().contains("nowhere.pem"), err::toString);
        assertEquals("", out.toString());
        Path notes = Files.writeString(pkiDir.resolve("notes.txt"), "hello\n");
        assertEquals(Cli.ERROR, run("check", "--registry", url, "--ca", notes.toString(), TOKEN));
        assertTrue(err.toString().contains(words(CaFile.Problem.NOT_A_CERTIFICATE).substring(1)) && err.toString().contains("notes.txt"),
                err::toString);
    }

    @Test
    void theCaFileSavedForTheRegistryInTheSettingsIsUsed() throws Exception {
        SettingsStore store = new SettingsStore(AppHome.resolve(env).settingsFile(), env);
        Files.createDirectories(AppHome.resolve(env).settingsFile().getParent());
        store.save(new Settings(url, List.of(), 8788, 4, "system", "system", false).withRegistryCaFiles(Map.of(url, ca.toString())));
        assertEquals(1, run("check", TOKEN), () -> out + "" + err);
        assertTrue(out.toString().contains(Text.get("lookup.notRegistered.status", "404")), out::toString);

        // The saved file gone: said so, and the lookup is untrusted again.
        Files.delete(ca);
        assertEquals(Cli.ERROR, run("check", TOKEN), () -> out + "" + err);
        assertTrue(err.toString().contains(Text.get("cli.check.caSavedUnusable", url, words(CaFile.Problem.MISSING))), err::toString);
    }
}
