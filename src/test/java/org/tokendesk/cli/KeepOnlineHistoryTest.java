package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.tokendesk.history.Event;
import org.tokendesk.history.History;
import org.tokendesk.history.Retention;
import org.tokendesk.history.Source;
import org.tokendesk.history.StateKind;
import org.tokendesk.i18n.Text;
import org.tokendesk.registration.Timing;
import org.tokendesk.store.AppHome;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** {@code keep-online} keeps what it saw in the window's history: the timeline shows a server's night too. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KeepOnlineHistoryTest {
    static final String TOKEN = "insecure_kept-history-5c0c4c34-1f1e-4a52-9c0b-7b5d2a1e9f0b";

    final RegistryFixture registry = RegistryFixture.start();

    @TempDir
    Path home;

    @AfterEach
    void stop() {
        registry.close();
    }

    private int keepOnlineUntilOnline(Map<String, String> env) throws Exception {
        Text.use("en");
        StringWriter out = new StringWriter();
        CountDownLatch signal = new CountDownLatch(1);
        CommandLine cli = new CommandLine(new KeepOnlineCommand(Timing.DEFAULT, signal, false, env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                cli.execute("--registry", registry.registry().toString(), TOKEN + "=8801"));
        RegistryFixture.await(Duration.ofSeconds(20), "online", () -> registry.onlineCount() == 1);
        RegistryFixture.await(Duration.ofSeconds(10), "verified", () -> out.toString().contains("verified: resolves to 127.0.0.1"));
        signal.countDown();
        int code = exit.get(20, TimeUnit.SECONDS);
        assertFalse(out.toString().contains(TOKEN), "a whole token was printed");
        return code;
    }

    @Test
    void theStatesOfAKeptTokenAreInTheSameStoreAsTheWindowsAndTheTokenIsNot() throws Exception {
        Map<String, String> env = Map.of("TOKENDESK_HOME", home.toString());
        assertEquals(Cli.OK, keepOnlineUntilOnline(env));

        Path file = History.fileIn(AppHome.resolve(env));
        assertTrue(Files.exists(file), "the window's history file: " + file);
        List<Event> events;
        try (History history = new History(file, Retention.DEFAULT, "window", Clock.systemUTC())) {
            events = history.query(Token.of(TOKEN), Instant.now().minus(Duration.ofHours(1))).get(20, TimeUnit.SECONDS).orElseThrow().events();
        }
        List<StateKind> kinds = events.stream().filter(e -> e.source() == Source.KEEP_ONLINE).map(Event::kind).toList();
        assertTrue(kinds.contains(StateKind.ONLINE), "ONLINE recorded under the token's id: " + kinds);
        assertEquals(0, duplicatesInARow(kinds), "changes only, not every update of a state: " + kinds);
        assertTrue(events.stream().allMatch(e -> e.registry().equals(registry.registry().toString())), events.toString());
        // The file (and its journal, if left) knows the token only by a salted hash.
        TokenLeaks.of(Token.of(TOKEN)).assertNoneUnder(home);
    }

    @Test
    void historyOffLeavesNoFile() throws Exception {
        Map<String, String> env = Map.of("TOKENDESK_HOME", home.toString(), "TOKENDESK_HISTORY", "off");
        assertEquals(Cli.OK, keepOnlineUntilOnline(env));
        assertFalse(Files.exists(History.fileIn(AppHome.resolve(env))));
    }

    private static long duplicatesInARow(List<StateKind> kinds) {
        long n = 0;
        for (int i = 1; i < kinds.size(); i++) {
            if (kinds.get(i) == kinds.get(i - 1)) {
                n++;
            }
        }
        return n;
    }
}
