package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RawHttpServer;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** Registries that break HTTP in ways libraries do not expect: one token's failure, never the command's. */
class MisbehavingRegistryTest {
    private static final String GOOD = "insecure_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String ODD = "insecure_f0e1d2c3-b4a5-4968-8776-655443322110";
    private static final Http.Timeouts QUICK = new Http.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5));

    @TempDir
    Path home;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void english() {
        Text.use(Locale.ENGLISH);
    }

    private int run(String... args) {
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), Map.of("TOKENDESK_HOME", home.toString()), QUICK);
        return Cli.run(args, context, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static RawHttpServer informational(String interim) throws IOException {
        return RawHttpServer.start(request -> {
            byte[] answer = RawHttpServer.json(200, "{\"host\":\"1.2.3.4\",\"port\":8788}");
            return request.contains(ODD) ? RawHttpServer.concat(interim + interim, answer) : answer;
        });
    }

    @Test
    @Timeout(30)
    void twoContinuesBeforeTheAnswerFailOneTokenAndKeepTheOthers() throws IOException {
        try (RawHttpServer registry = informational("HTTP/1.1 100 Continue\r\n\r\n")) {
            assertEquals(Cli.ERROR, run("check", "--registry", registry.url(), GOOD, ODD));
            String[] lines = out.toString().split("\n");
            assertEquals(2, lines.length, out + "\n" + err);
            assertTrue(lines[0].contains("1.2.3.4:8788"), lines[0]);
            assertTrue(lines[1].contains(Text.get("lookup.failed.BROKEN", "\u0000").split("\u0000")[0]), lines[1]);
            assertFalse(err.toString().contains("Exception"), err.toString());
            TokenLeaks.of(Token.of(GOOD), Token.of(ODD)).assertNoneIn("output", out + "\n" + err);
        }
    }

    @Test
    @Timeout(30)
    void twoEarlyHintsBeforeTheAnswerStillGiveJson() throws IOException {
        try (RawHttpServer registry = informational("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n")) {
            assertEquals(Cli.ERROR, run("check", "--json", "--registry", registry.url(), GOOD, ODD));
            JsonNode root = new ObjectMapper().readTree(out.toString());
            assertEquals("resolved", root.get("results").get(0).get("state").asText());
            assertEquals("error", root.get("results").get(1).get("state").asText());
            assertEquals("broken", root.get("results").get(1).get("failure").asText());
            assertEquals(2, root.get("exitCode").asInt());
        }
    }

    @Test
    @Timeout(60)
    void aBatchAgainstAStalledRegistryEndsAtTheRunsDeadline() throws IOException {
        Http.Timeouts quick = new Http.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
        try (org.tokendesk.testing.RegistryStub stalled = org.tokendesk.testing.RegistryStub.start(4).stall()) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("check", "--concurrency", "1", "--registry", stalled.url()));
            for (int i = 0; i < 20; i++) {
                args.add(String.format("insecure_%08x-0000-4000-8000-000000000000", i));
            }
            CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), Map.of("TOKENDESK_HOME", home.toString()), quick);
            long start = System.nanoTime();
            int exit = Cli.run(args.toArray(String[]::new), context, new PrintWriter(out, true), new PrintWriter(err, true));
            long took = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Cli.ERROR, exit);
            // 20 lookups one at a time would take 40 s; the run's deadline is six call timeouts.
            assertTrue(took < 20_000, "took " + took + " ms");
            assertEquals(20, out.toString().lines().count(), out::toString);
            assertTrue(out.toString().lines().allMatch(l -> l.contains(Text.get("lookup.failed.TIMEOUT", "\u0000").split("\u0000")[0])), out::toString);
        }
    }
}
