package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.tokendesk.history.HistoryCsv;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

@Timeout(60)
class HistoryCommandTest {
    private static final String ONE = "insecure_11111111-aaaa-4bbb-8ccc-000000000001";
    private static final String UNKNOWN = "insecure_33333333-aaaa-4bbb-8ccc-000000000003";
    private static final Http.Timeouts QUICK = new Http.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4));

    @TempDir
    Path home;
    private RegistryStub stub;
    private final Map<String, String> env = new HashMap<>();
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        Text.use(Locale.ENGLISH);
        stub = RegistryStub.start(4).register(ONE, "1.2.3.4", 8788);
        env.put("TOKENDESK_HOME", home.toString());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private CliContext context() {
        return new CliContext(new ByteArrayInputStream(new byte[0]), env, QUICK);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(args, context(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void checkRecordsAndHistoryShowsItAsLinesJsonAndCsv() throws Exception {
        assertEquals(1, run("check", "--registry", stub.url(), ONE, UNKNOWN));
        assertTrue(Files.exists(home.resolve("history.db")));

        assertEquals(0, run("history", "--since", "1h", ONE, UNKNOWN));
        List<String> lines = out.toString().lines().toList();
        // A one-shot check covers only the moment it ran: the figures say little, the events are what counts.
        assertTrue(lines.get(0).startsWith(Token.mask(ONE) + "  last 1 h 0 min: uptime "), lines.get(0));
        assertTrue(lines.get(1).contains("check  resolves: 1.2.3.4:8788  ("), lines.get(1));
        assertTrue(lines.get(2).startsWith(Token.mask(UNKNOWN) + "  last 1 h 0 min: "), lines.get(2));
        assertTrue(lines.get(3).contains("not registered: 404"), lines.get(3));

        assertEquals(0, run("history", "--json", ONE));
        JsonNode doc = new ObjectMapper().readTree(out.toString()).get("tokens").get(0);
        assertEquals(Token.mask(ONE), doc.get("token").asText());
        assertEquals("RESOLVED", doc.get("events").get(0).get("state").asText());
        assertEquals("1.2.3.4:8788", doc.get("events").get(0).get("detail").asText());

        assertEquals(0, run("history", "--csv", UNKNOWN));
        List<String> csv = out.toString().lines().toList();
        assertEquals(HistoryCsv.HEADER, csv.get(0));
        assertTrue(csv.get(1).matches("20\\d\\d-.*Z,http://127\\.0\\.0\\.1:\\d+,CHECK,NOT_REGISTERED,404,\\d+"), csv.get(1));
        assertEquals(2, csv.size());

        TokenLeaks.of(Token.of(ONE), Token.of(UNKNOWN)).assertNoneUnder(home);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertEquals(2, run("history", "--since", "lately", ONE));
        assertTrue(err.toString().contains("--since must look like 90m, 24h or 7d, not lately"), err::toString);
        assertEquals(2, run("history", "--csv", ONE, UNKNOWN));
        assertTrue(err.toString().contains("give exactly one token"), err::toString);
        assertEquals(2, run("watch", "--every", "1s", ONE));
        assertTrue(err.toString().contains("at least 10s, not 1s"), err::toString);
        assertEquals(2, run("watch", "--all", ONE));
        assertTrue(err.toString().contains("not both"), err::toString);
    }

    @Test
    void watchRecordsEachRoundAndStopsWhenTold() throws Exception {
        WatchCommand watch = new WatchCommand(context());
        watch.hook = false;
        watch.minimumEvery = Duration.ofMillis(100);
        CommandLine cli = new CommandLine(watch);
        StringWriter watchOut = new StringWriter();
        cli.setOut(new PrintWriter(watchOut, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> cli.execute("--every", "1s", "--no-probe", "--registry", stub.url(), ONE, UNKNOWN));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (watchOut.toString().lines().filter(l -> l.contains(Token.mask(ONE))).count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        watch.stop.countDown();
        assertEquals(0, running.get(10, TimeUnit.SECONDS));
        String printed = watchOut.toString();
        assertTrue(printed.contains("Watching 2 tokens at " + stub.url()), printed);
        assertTrue(printed.contains("Stopped; the history has"), printed);

        assertEquals(0, run("history", "--json", ONE));
        JsonNode events = new ObjectMapper().readTree(out.toString()).get("tokens").get(0).get("events");
        assertTrue(events.size() >= 2, out::toString);
        // The watch ran for seconds with the token resolving all along.
        assertEquals(100.0, new ObjectMapper().readTree(out.toString()).get("tokens").get(0).get("uptimePercent").asDouble(), 1e-9);
        TokenLeaks.of(Token.of(ONE), Token.of(UNKNOWN)).assertNoneIn("watch output", printed);
    }

    @Test
    void historyOffLeavesNoFile() {
        env.put("TOKENDESK_HISTORY", "off");
        assertEquals(0, run("check", "--registry", stub.url(), ONE));
        assertTrue(Files.notExists(home.resolve("history.db")));
    }
}
