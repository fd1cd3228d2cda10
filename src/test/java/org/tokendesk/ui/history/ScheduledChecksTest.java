package org.tokendesk.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;

import org.tokendesk.history.CheckSchedule;
import org.tokendesk.history.Event;
import org.tokendesk.history.History;
import org.tokendesk.history.Retention;
import org.tokendesk.history.Source;
import org.tokendesk.history.StateKind;
import org.tokendesk.net.Http;
import org.tokendesk.net.Workers;
import org.tokendesk.registration.Timing;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.MovingClock;
import org.tokendesk.testing.Ports;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenListFixture;
import org.tokendesk.token.Token;
import org.tokendesk.ui.model.TokenListModel;

/**
 * Checks on a schedule, against a loopback registry, recorded in a real history file. The schedule's
 * clock is the test's: minutes pass at once, while the timer ticks every few milliseconds.
 */
@Timeout(90)
class ScheduledChecksTest extends ApplicationTest {
    private static final String KEPT = "insecure_sched-kept-5c0c4c34-1f1e-4a52-9c0b-7b5d2a1e9f01";
    private static final String OTHER = "insecure_sched-other-0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    private static final Duration TICK = Duration.ofMillis(20);

    @TempDir
    Path dir;

    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Workers.daemon("test-schedule"));
    private AutoCloseable[] opened = new AutoCloseable[0];

    @Override
    public void start(Stage stage) {
    }

    @AfterEach
    void close() throws Exception {
        timer.shutdownNow();
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void tokensKeptOnlineAreCheckedEveryFiveMinutesAndEveryTokenOnTheChosenSchedule() throws Exception {
        RegistryFixture registry = RegistryFixture.start();
        // Something listens where the kept token says its service is: the registry's TCP test passes, it resolves.
        ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread hangUp = new Thread(() -> {
            // Takes each connection and closes it: the probe's answer (no puppet service) comes at once.
            while (!service.isClosed()) {
                try {
                    service.accept().close();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "hang-up");
        hangUp.setDaemon(true);
        hangUp.start();
        TokenListFixture list = TokenListFixture.open(Http.newClient(Http.Timeouts.DISCOVERY), registry.registry(), Timing.DEFAULT, s -> { });
        Path file = dir.resolve(History.FILE_NAME);
        History history = new History(file, Retention.DEFAULT, "window", Clock.systemUTC());
        opened = new AutoCloseable[] {history, list, registry, service};
        TokenListModel model = list.model();
        interact(() -> {
            HistoryRecording.install(model, history);
            model.load(List.of(new SavedToken(Token.of(KEPT), "", Instant.now(), true, service.getLocalPort()),
                    new SavedToken(Token.of(OTHER), "", Instant.now(), false, SavedToken.DEFAULT_PORT)));
        });
        RegistryFixture.await(Duration.ofSeconds(20), "kept token online", () -> registry.onlineCount() == 1);

        // The defaults: no schedule for every token, the kept-online ones every 5 minutes.
        ScheduledChecks scheduled = new ScheduledChecks(model, CheckSchedule.of(0, true), timer, Platform::runLater, clock, TICK);
        Thread.sleep(200);
        assertEquals(0, scheduled.runs(), "nothing is due before 5 minutes");
        clock.advance(Duration.ofMinutes(5));
        awaitEvents(history, KEPT, 1, StateKind.RESOLVED);
        assertEquals(1, scheduled.runs());
        assertEquals(0, checks(history, OTHER).size(), "a token not kept online waits for the general schedule");
        RegistryFixture.await(Duration.ofSeconds(10), "the run is over", () -> !scheduled.isRunning());

        // Every token every minute, chosen in Settings: the schedule counts from the change.
        scheduled.use(CheckSchedule.of(1, true));
        Thread.sleep(200);
        clock.advance(Duration.ofSeconds(59));
        Thread.sleep(200);
        assertEquals(1, scheduled.runs(), "a minute has not passed since the change");
        clock.advance(Duration.ofSeconds(1));
        awaitEvents(history, OTHER, 1, StateKind.NOT_REGISTERED);
        awaitEvents(history, KEPT, 2, StateKind.RESOLVED);
        assertEquals(2, scheduled.runs());
        // The results reached the rows too, as a click on Check would have.
        assertTrue(model.find(Token.of(OTHER)).orElseThrow().check() instanceof org.tokendesk.ui.model.RowCheck.Checked);

        // In the file itself: a new History on it finds the scheduled checks.
        scheduled.close();
        history.close();
        opened = new AutoCloseable[] {list, registry, service};
        try (History reopened = new History(file, Retention.DEFAULT, "check", Clock.systemUTC())) {
            assertEquals(2, checksIn(reopened, KEPT).size());
            assertEquals(1, checksIn(reopened, OTHER).size());
        }
    }

    @Test
    void aRunStillGoingMakesTheNextOneSkippedAndNothingRunsAfterClose() throws Exception {
        RegistryStub stub = RegistryStub.start(4).register(OTHER, "127.0.0.2", Ports.closed()).stall();
        TokenListFixture list = TokenListFixture.open(stub.registry(), s -> { });
        History history = new History(dir.resolve(History.FILE_NAME), Retention.DEFAULT, "window", Clock.systemUTC());
        opened = new AutoCloseable[] {history, list, stub::release, stub};
        TokenListModel model = list.model();
        interact(() -> {
            HistoryRecording.install(model, history);
            model.load(List.of(SavedToken.added(Token.of(OTHER), Instant.now())));
        });
        ScheduledChecks scheduled = new ScheduledChecks(model, CheckSchedule.of(1, false), timer, Platform::runLater, clock, TICK);
        clock.advance(Duration.ofMinutes(1));
        RegistryFixture.await(Duration.ofSeconds(10), "the lookup is held", () -> stub.stalledNow() == 1);
        clock.advance(Duration.ofMinutes(1));
        RegistryFixture.await(Duration.ofSeconds(10), "the second run skipped", () -> scheduled.skipped() == 1);
        assertEquals(1, scheduled.runs());
        assertEquals(1, stub.requests(), "no second lookup while the first one waits");

        stub.release();
        awaitEvents(history, OTHER, 1, StateKind.RESOLVED);
        RegistryFixture.await(Duration.ofSeconds(10), "the run is over", () -> !scheduled.isRunning());
        clock.advance(Duration.ofMinutes(1));
        awaitEvents(history, OTHER, 2, StateKind.RESOLVED);
        assertEquals(2, scheduled.runs());

        scheduled.close();
        RegistryFixture.await(Duration.ofSeconds(5), "the run is over", () -> !scheduled.isRunning());
        int before = stub.requests();
        clock.advance(Duration.ofMinutes(10));
        Thread.sleep(300);
        assertEquals(2, scheduled.runs(), "closed: no more runs");
        assertEquals(before, stub.requests());
    }

    private static List<Event> checks(History history, String token) throws Exception {
        return checksIn(history, token);
    }

    private static List<Event> checksIn(History history, String token) throws Exception {
        return history.query(Token.of(token), Instant.now().minus(Duration.ofHours(1))).get(20, TimeUnit.SECONDS)
                .map(h -> h.events().stream().filter(e -> e.source() == Source.CHECK).toList()).orElse(List.of());
    }

    private static void awaitEvents(History history, String token, int count, StateKind kind) {
        RegistryFixture.await(Duration.ofSeconds(20), count + " check(s) " + kind + " recorded", () -> {
            try {
                List<Event> checks = checks(history, token);
                return checks.size() >= count && checks.stream().allMatch(e -> e.kind() == kind);
            } catch (Exception e) {
                return false;
            }
        });
    }
}
