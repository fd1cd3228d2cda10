package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.Http;
import org.tokendesk.testing.GrpcHealthServer;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.token.TokenProblem.Kind;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckCommandTest {
    private static final String ONE = "insecure_11111111-aaaa-4bbb-8ccc-000000000001";
    private static final String TWO = "puppet_padlocal_22222222-aaaa-4bbb-8ccc-000000000002";
    private static final String UNKNOWN = "insecure_33333333-aaaa-4bbb-8ccc-000000000003";
    private static final String BROKEN = "insecure_44444444-aaaa-4bbb-8ccc-000000000004";
    private static final Http.Timeouts QUICK = new Http.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4));

    @TempDir
    Path home;
    private RegistryStub stub;
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        Text.use(Locale.ENGLISH);
        stub = RegistryStub.start(8).register(ONE, "1.2.3.4", 8788).register(TWO, "5.6.7.8", 9000);
        RegistryStub table = stub;
        stub.handle(exchange -> {
            if (exchange.getRequestURI().getPath().endsWith(BROKEN)) {
                RegistryStub.send(exchange, 500, "oops");
            } else {
                table.answerFromTable(exchange);
            }
        });
        env.put("TOKENDESK_HOME", home.toString());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(String... args) {
        CliContext context = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, QUICK);
        return Cli.run(args, context, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** The fixed words of a pattern, before its first argument. */
    private static String before(String key) {
        String text = Text.get(key, "\u0000");
        return text.substring(0, text.indexOf('\u0000'));
    }

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    private void assertNoWholeToken() {
        for (String secret : List.of(ONE, TWO, UNKNOWN, BROKEN)) {
            assertFalse(out.toString().contains(secret), out::toString);
            assertFalse(err.toString().contains(secret), err::toString);
            assertFalse(out.toString().contains(secret.substring(secret.length() - 12)), out::toString);
        }
    }

    @Test
    void allResolvingIsExitZeroWithOneMaskedLinePerToken() {
        assertEquals(0, run("check", "--registry", stub.url(), ONE, TWO));
        List<String> lines = outLines();
        assertEquals(2, lines.size(), out::toString);
        assertTrue(lines.get(0).startsWith("insecure…0001  " + Text.get("lookup.resolved", "1.2.3.4:8788") + "  ("), lines.get(0));
        assertTrue(lines.get(1).startsWith("puppet_p…0002  " + Text.get("lookup.resolved", "5.6.7.8:9000") + "  ("), lines.get(1));
        assertTrue(lines.get(0).matches(".*\\(\\d+ ms\\)$"), lines.get(0));
        assertTrue(err.toString().contains("Registry: " + stub.url()), err::toString);
        assertNoWholeToken();
    }

    @Test
    void aTokenThatIsNotRegisteredIsExitOne() {
        assertEquals(1, run("check", "--registry", stub.url(), ONE, UNKNOWN));
        List<String> lines = outLines();
        assertTrue(lines.get(1).startsWith("insecure…0003  " + Text.get("lookup.notRegistered.status", "404") + "  ("), lines.get(1));
        assertNoWholeToken();
    }

    @Test
    void anErrorIsExitTwoEvenBesideNotRegistered() {
        assertEquals(2, run("check", "--registry", stub.url(), UNKNOWN, BROKEN, ONE));
        List<String> lines = outLines();
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).contains(Text.get("lookup.failed.HTTP_STATUS", "HTTP 500")), lines.get(1));
        assertTrue(lines.get(2).contains(Text.get("lookup.resolved", "1.2.3.4:8788")), lines.get(2));
    }

    @Test
    void anUnreachableRegistryIsExitTwoWithTheCause() throws IOException {
        assertEquals(2, run("check", "--registry", RegistryStub.down().baseUrl().toString(), ONE));
        assertTrue(outLines().get(0).contains(before("lookup.failed.CANNOT_CONNECT")), out::toString);
    }

    @Test
    void jsonIsOneMachineReadableDocumentWithMaskedTokens() throws IOException {
        assertEquals(2, run("check", "--json", "--registry", stub.url(), ONE, UNKNOWN, BROKEN));
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertEquals(stub.url(), root.get("registry").asText());
        assertEquals(2, root.get("exitCode").asInt());
        JsonNode results = root.get("results");
        assertEquals(3, results.size());
        assertEquals("insecure…0001", results.get(0).get("token").asText());
        assertEquals("insecure", results.get(0).get("sni").asText());
        assertEquals("resolved", results.get(0).get("state").asText());
        assertEquals("1.2.3.4", results.get(0).get("host").asText());
        assertEquals(8788, results.get(0).get("port").asInt());
        assertTrue(results.get(0).get("latencyMs").isIntegralNumber());
        assertEquals("not_registered", results.get(1).get("state").asText());
        assertEquals(404, results.get(1).get("status").asInt());
        assertEquals("error", results.get(2).get("state").asText());
        assertEquals("http_status", results.get(2).get("failure").asText());
        assertFalse(err.toString().contains("Registry:"), "stderr stays quiet for scripts: " + err);
        assertNoWholeToken();
    }

    @Test
    void dashReadsPastedLinesFromStandardInput() {
        stdin = "# from my .env\n"
                + "WECHATY_PUPPET=wechaty-puppet-service\n"
                + "export WECHATY_PUPPET_SERVICE_TOKEN=\"" + ONE + "\"\n"
                + "WECHATY_PUPPET_HOSTIE_TOKEN=“" + TWO + "”\n"
                + ONE + "\n";
        assertEquals(0, run("check", "--registry", stub.url(), "-"));
        assertEquals(2, outLines().size(), out::toString);
        String notes = err.toString();
        assertTrue(notes.contains(Text.get("cli.check.problem", Text.get("cli.check.source.stdin", 2), Words.of(new TokenProblem(Kind.OTHER_VARIABLE, "WECHATY_PUPPET")))), notes);
        assertTrue(notes.contains("standard input, line 5: insecure…0001 is listed twice; checked once."), notes);
        assertNoWholeToken();
    }

    @Test
    void argumentsAndStandardInputMix() {
        stdin = TWO + "\n";
        assertEquals(1, run("check", "--registry", stub.url(), UNKNOWN, "-"));
        assertEquals(2, outLines().size(), out::toString);
    }

    @Test
    void badInputIsExitTwoWithAClearMessageAndNoLookups() {
        assertEquals(2, run("check", "--registry", stub.url(), ONE, "insecure_abc/def", "\"insecure_x"));
        assertEquals("", out.toString());
        assertTrue(err.toString().contains(Text.get("cli.check.problem", Text.get("cli.check.source.argument", 2), Words.of(new TokenProblem(Kind.URL_CHARACTER, "/")))), err::toString);
        assertTrue(err.toString().contains(Text.get("cli.check.problem", Text.get("cli.check.source.argument", 3), Words.of(TokenProblem.of(Kind.UNBALANCED_QUOTE)))), err::toString);
        assertEquals(0, stub.requests());
    }

    @Test
    void badLinesOnStandardInputAreNamedByLine() {
        stdin = ONE + "\n\ninsecure_has space\n";
        assertEquals(2, run("check", "--registry", stub.url(), "-"));
        assertTrue(err.toString().contains(Text.get("cli.check.problem", Text.get("cli.check.source.stdin", 3), Words.of(new TokenProblem(Kind.WHITESPACE, "U+0020")))), err::toString);
        assertEquals(0, stub.requests());
    }

    @Test
    void emptyStandardInputIsNothingToCheck() {
        assertEquals(2, run("check", "--registry", stub.url(), "-"));
        assertTrue(err.toString().contains("No tokens to check"), err::toString);
    }

    @Test
    void noTokenAtAllIsAUsageError() {
        assertEquals(2, run("check"));
        assertTrue(err.toString().contains("Usage: tokendesk check"), err::toString);
    }

    @Test
    void anInvalidRegistryIsExitTwo() {
        assertEquals(2, run("check", "--registry", "ftp://x", ONE));
        assertTrue(err.toString().contains(Words.of(new RegistryParse.Invalid(RegistryParse.Reason.SCHEME, "ftp"))), err::toString);
        assertEquals(2, run("check", "--concurrency", "0", "--registry", stub.url(), ONE));
        assertTrue(err.toString().contains("--concurrency must be 1 to 256, not 0."), err::toString);
    }

    @Test
    void withoutSettingsTheRegistryFollowsTheSdkVariable() throws IOException {
        HeldCertificate selfSigned = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
        try (RegistryStub https = RegistryStub.startHttps(new HandshakeCertificates.Builder().heldCertificate(selfSigned).build().sslContext())) {
            env.put("WECHATY_PUPPET_SERVICE_AUTHORITY", "127.0.0.1:" + https.port());
            // An authority means https, as in the SDKs; the self-signed certificate fails, which proves where we went.
            assertEquals(2, run("check", "--json", ONE));
            JsonNode root = new ObjectMapper().readTree(out.toString());
            assertEquals("https://127.0.0.1:" + https.port(), root.get("registry").asText());
            assertEquals("tls", root.get("results").get(0).get("failure").asText());
        }
    }

    @Test
    void withoutSettingsOrVariableTheRegistryIsChatie() {
        assertEquals(2, run("check", "--registry", "", ONE));
        err.getBuffer().setLength(0);
        assertEquals(2, run("check", "--concurrency", "999", ONE));
        assertTrue(err.toString().contains("Registry: api.chatie.io"), err::toString);
    }

    @Test
    void savedSettingsWinOverTheVariableAndTheFlagWinsOverBoth() throws IOException {
        Files.writeString(home.resolve("settings.json"), "{\"schema\":1,\"registry\":\"" + stub.url() + "\"}");
        env.put("WECHATY_PUPPET_SERVICE_AUTHORITY", "registry.invalid");
        assertEquals(0, run("check", ONE));
        assertTrue(err.toString().contains("Registry: " + stub.url()), err::toString);
        out.getBuffer().setLength(0);
        assertEquals(2, run("check", "--json", "--registry", "http://registry.invalid", ONE));
        assertEquals("dns", new ObjectMapper().readTree(out.toString()).get("results").get(0).get("failure").asText());
    }

    @Test
    void anUnreadableSettingsFileIsSetAsideAndSaid() throws IOException {
        Files.writeString(home.resolve("settings.json"), "{oops");
        run("check", "--registry", stub.url(), ONE);
        assertTrue(err.toString().contains("The settings file could not be read (not valid JSON); it was moved to"), err::toString);
        assertFalse(Files.exists(home.resolve("settings.json")));
    }

    @Test
    void unreachableCountsAsNotResolvingButNotAsAnError() {
        Registry r = Registry.CHATIE;
        Token t = Token.of(ONE);
        Duration d = Duration.ofMillis(3);
        CheckCommand.Row resolved = new CheckCommand.Row(t, r, new Lookup.Resolved("1.2.3.4", 1, d), Optional.empty());
        CheckCommand.Row unreachable = new CheckCommand.Row(t, r, new Lookup.Unreachable("1.2.3.4", 1, d), Optional.empty());
        CheckCommand.Row failed = new CheckCommand.Row(t, r, new Lookup.Failed(Lookup.Failure.TIMEOUT, "", d), Optional.empty());
        assertEquals(0, CheckCommand.exitCode(List.of(resolved, resolved)));
        assertEquals(1, CheckCommand.exitCode(List.of(resolved, unreachable)));
        assertEquals(2, CheckCommand.exitCode(List.of(unreachable, failed)));
    }

    @Test
    void helpIsLocalised() {
        Text.use(Locale.SIMPLIFIED_CHINESE);
        try {
            assertEquals(0, run("check", "--help"));
        } finally {
            Text.use(Locale.ENGLISH);
        }
        assertTrue(out.toString().contains("注册中心"), out::toString);
    }

    @Test
    void probeAsksTheResolvedAddressForItsHealth() throws Exception {
        try (GrpcHealthServer service = GrpcHealthServer.plaintext()) {
            stub.register(ONE, "127.0.0.1", service.port());
            env.put("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT", "true");

            assertEquals(0, run("check", "--probe", "--registry", stub.url(), ONE));
            assertTrue(out.toString().contains(Text.get("probe.serving.plaintext", "127.0.0.1:" + service.port())), out::toString);

            service.status(io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
            out.getBuffer().setLength(0);
            assertEquals(1, run("check", "--probe", "--json", "--registry", stub.url(), ONE));
            assertTrue(out.toString().contains("\"outcome\" : \"NotServing\""), out::toString);
        }
        assertNoWholeToken();
    }

    @Test
    void probeOfAClosedPortIsAnError() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        stub.register(ONE, "127.0.0.1", closed);
        assertEquals(2, run("check", "--probe", "--registry", stub.url(), ONE));
        assertTrue(out.toString().contains(Text.get("probe.portClosed", "127.0.0.1:" + closed)), out::toString);
    }

    @Test
    void allRegistriesNamesTheRegistryThatKnowsTheToken() throws Exception {
        try (RegistryStub other = RegistryStub.start(4).register(UNKNOWN, "9.9.9.9", 8788)) {
            java.nio.file.Files.writeString(home.resolve("settings.json"),
                    "{\"schema\":1,\"extraRegistries\":[\"" + other.url() + "\"]}");

            assertEquals(1, run("check", "--all-registries", "--registry", stub.url(), UNKNOWN));
            String report = out.toString();
            assertTrue(report.contains("9.9.9.9:8788"), report);
            String verdict = report.lines().filter(l -> l.startsWith(before("everywhere.cli.verdict"))).findFirst().orElse("");
            assertTrue(verdict.contains(other.registry().displayName()), report);
        }
        assertNoWholeToken();
    }

    @Test
    void allRegistriesDoesNotMixWithJson() {
        assertEquals(2, run("check", "--all-registries", "--json", ONE));
        assertTrue(err.toString().contains(Text.get("cli.check.allRegistries.alone")), err::toString);
    }

    @Test
    void revealPrintsWholeTokensOnlyWhenAskedTo() {
        assertEquals(0, run("check", "--reveal", "--registry", stub.url(), ONE));
        assertTrue(out.toString().startsWith(ONE + "  "), out::toString);
    }
}
