package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.testing.PuppetServer;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** {@code tokendesk doctor DIR} on the fixture bot folders: the advice, then the chain for the .env's token; the folder is left as it was. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DoctorCommandTest {
    private static final Token NODE_TOKEN = Token.of("insecure_0d6f2c3e-5b1a-4c8e-9f7d-3a2b1c0d9e8f");
    private static final Token WORKPRO = Token.of("puppet_workpro_2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e");
    private static final TokenLeaks LEAKS = TokenLeaks.of(NODE_TOKEN, WORKPRO);
    private static final Http.Timeouts QUICK = new Http.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4));

    @TempDir
    Path home;
    private RegistryStub stub;
    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        Text.use(Locale.ENGLISH);
        stub = RegistryStub.start(2);
        env.put("TOKENDESK_HOME", home.toString());
    }

    @AfterEach
    void stop() {
        stub.close();
        LEAKS.assertNoneIn("stdout", out.toString());
        LEAKS.assertNoneIn("stderr", err.toString());
    }

    private int run(String... args) {
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), env, QUICK);
        return Cli.run(args, context, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(DoctorCommandTest.class.getResource("/org/tokendesk/doctor/" + name + "/.env").toURI()).getParent();
    }

    /** Every file's bytes and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.toList()) {
                FileTime time = Files.getLastModifiedTime(p);
                files.put(p.getFileName().toString(), time + " " + Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    @Test
    void aNodeBotGetsTheCrashAndItsFixThenTheChainOfItsToken() throws Exception {
        Path bot = fixture("node-crash");
        Map<String, String> before = snapshot(bot);
        try (PuppetServer service = PuppetServer.plaintext(NODE_TOKEN, PuppetServer.Reads.METADATA_OR_AUTHORITY)) {
            stub.register(NODE_TOKEN.reveal(), "127.0.0.1", service.port());

            assertEquals(1, run("doctor", "--registry", stub.url(), bot.toString()));
        }
        String text = out.toString();
        assertTrue(text.contains("@grpc/grpc-js 1.14.7 with wechaty-token 1.1.2"), text);
        assertTrue(text.contains("\"overrides\": { \"@grpc/grpc-js\": \"1.9.15\" }"), text);
        assertTrue(text.contains(NODE_TOKEN.masked()), text);
        assertTrue(text.contains(Text.get("chain.accepted", "1.19.9-test")), text);
        assertTrue(text.contains("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true"), text);
        assertEquals(before, snapshot(bot));
    }

    @Test
    void aPythonBotIsToldItIgnoresTheAuthority() throws Exception {
        Path bot = fixture("python-bot");
        Map<String, String> before = snapshot(bot);
        stub.answers(WORKPRO.reveal(), 404, "{\"ip\":\"0.0.0.0\",\"port\":0}");

        assertEquals(1, run("doctor", "--registry", stub.url(), bot.toString()));
        String text = out.toString();
        assertTrue(text.contains("ignores the WECHATY_PUPPET_SERVICE_AUTHORITY"), text);
        assertTrue(text.contains("likely expired or the service stopped"), text);
        assertEquals(before, snapshot(bot));
    }

    @Test
    void notAFolderIsBadInput() {
        assertEquals(2, run("doctor", home.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("is not a folder"), err::toString);
    }

    @Test
    void theHelpNamesTheFiles() {
        run("doctor", "--help");
        assertTrue(out.toString().contains("package.json") && out.toString().contains("go.mod"), out::toString);
    }
}
