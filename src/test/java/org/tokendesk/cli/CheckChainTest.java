package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.testing.PuppetServer;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TestPki;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** {@code check --probe} prints the chain under each token, and as {@code chain} in JSON; a rejected token exits 1. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckChainTest {
    private static final TestPki CA = TestPki.newCa("cli-chain-root");
    private static final Token MINE = Token.of("insecure_" + UUID.randomUUID());
    private static final Token STRANGER = Token.of("insecure_" + UUID.randomUUID());
    private static final Token PADLOCAL = Token.of("puppet_padlocal_" + UUID.randomUUID());
    private static final TokenLeaks LEAKS = TokenLeaks.of(MINE, STRANGER, PADLOCAL);
    private static final Http.Timeouts QUICK = new Http.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4));

    @TempDir
    Path home;
    private RegistryStub stub;
    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        Text.use(Locale.ENGLISH);
        stub = RegistryStub.start(4);
        env.put("TOKENDESK_HOME", home.toString());
        env.put("WECHATY_PUPPET_SERVICE_TLS_CA_CERT", "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(CA.caCertificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
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

    @Test
    void theServiceAcceptsItsTokenAndRejectsAnotherAtTheSameAddress() throws Exception {
        try (PuppetServer service = PuppetServer.tls(CA.v1Server("insecure"), MINE)) {
            stub.register(MINE.reveal(), "127.0.0.1", service.port()).register(STRANGER.reveal(), "127.0.0.1", service.port());

            // A rejected token is a bot that will not start: not 0, though nothing errored.
            assertEquals(1, run("check", "--probe", "--registry", stub.url(), MINE.reveal(), STRANGER.reveal()));
            String text = out.toString();
            assertTrue(text.contains(Text.get("chain.accepted", "1.19.9-test")), text);
            assertTrue(text.contains("token rejected (UNAUTHENTICATED)") && text.contains(STRANGER.masked()), text);
            assertTrue(text.contains(Text.get("chain.firstFailure", Text.get("chain.step.TOKEN_ACCEPTED"), "")
                    .substring(0, 20)), text);

            out.getBuffer().setLength(0);
            assertEquals(1, run("check", "--probe", "--json", "--registry", stub.url(), MINE.reveal(), STRANGER.reveal()));
            JsonNode results = new ObjectMapper().readTree(out.toString()).get("results");
            assertTrue(results.get(0).get("chain").get("tokenAccepted").asBoolean());
            assertTrue(results.get(0).get("chain").get("firstFailure").isNull());
            assertEquals("token_accepted", results.get(1).get("chain").get("firstFailure").asText());
            assertEquals("failed", results.get(1).get("chain").get("links").get(6).get("state").asText());

            out.getBuffer().setLength(0);
            assertEquals(0, run("check", "--probe", "--registry", stub.url(), MINE.reveal()), out::toString);
        }
    }

    @Test
    void aFreshServiceThatCannotTellYetButAcceptsTheTokenIsABotThatStarts() throws Exception {
        // wechaty-puppet-service 1.19.9 answers SERVICE_UNKNOWN until its puppet's first heartbeat,
        // which comes only after a bot connected and started it (bench/real-service.sh).
        try (PuppetServer service = PuppetServer.tls(CA.v1Server("insecure"), MINE).health(ServingStatus.SERVICE_UNKNOWN)) {
            stub.register(MINE.reveal(), "127.0.0.1", service.port()).register(STRANGER.reveal(), "127.0.0.1", service.port());

            assertEquals(0, run("check", "--probe", "--registry", stub.url(), MINE.reveal()), out::toString);
            assertTrue(out.toString().contains(Text.get("chain.accepted", "1.19.9-test")), out::toString);
            out.getBuffer().setLength(0);
            assertEquals(1, run("check", "--probe", "--registry", stub.url(), STRANGER.reveal()), out::toString);
        }
    }

    @Test
    void aPlaintextServiceGetsTheNoTlsLine() throws Exception {
        try (PuppetServer service = PuppetServer.plaintext(PADLOCAL, PuppetServer.Reads.METADATA_OR_AUTHORITY)) {
            stub.register(PADLOCAL.reveal(), "127.0.0.1", service.port());

            // TLS meets plaintext: no usable service with the SDK's defaults, an error as before.
            assertEquals(2, run("check", "--probe", "--registry", stub.url(), PADLOCAL.reveal()));
            String text = out.toString();
            assertTrue(text.contains("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true"), text);
            assertTrue(text.contains(Text.get("chain.accepted", "1.19.9-test")), text);

            out.getBuffer().setLength(0);
            run("check", "--probe", "--json", "--registry", stub.url(), PADLOCAL.reveal());
            JsonNode chain = new ObjectMapper().readTree(out.toString()).get("results").get(0).get("chain");
            assertEquals("transport", chain.get("firstFailure").asText());
            assertEquals("node", chain.get("fixes").get(0).get("sdk").asText());
            assertTrue(chain.get("fixes").get(0).get("set").toString().contains("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true"));
        }
    }

    @Test
    void aTokenTheRegistryDoesNotKnowSaysWhereItIsRenewed() {
        stub.answers(PADLOCAL.reveal(), 404, "{\"ip\":\"0.0.0.0\",\"port\":0}");
        assertEquals(1, run("check", "--probe", "--registry", stub.url(), PADLOCAL.reveal()));
        assertTrue(out.toString().contains("token.rpachat.com"), out::toString);
    }
}
