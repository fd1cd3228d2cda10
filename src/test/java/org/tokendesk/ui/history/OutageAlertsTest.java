package org.tokendesk.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.testfx.util.WaitForAsyncUtils;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;

import org.tokendesk.history.Event;
import org.tokendesk.history.History;
import org.tokendesk.history.Observed;
import org.tokendesk.history.OutageWatch;
import org.tokendesk.history.Retention;
import org.tokendesk.history.StateKind;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Workers;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.GrpcHealthServer;
import org.tokendesk.testing.MovingClock;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenListFixture;
import org.tokendesk.token.Token;
import org.tokendesk.ui.model.RowProbe;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/** A token whose service stays down past five minutes is announced once, masked; its recovery once. */
@Timeout(120)
class OutageAlertsTest extends ApplicationTest {
    private static final String TOKEN = "insecure_alert-5c0c4c34-1f1e-4a52-9c0b-7b5d2a1e9f0a";

    @TempDir
    Path dir;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Workers.daemon("test-alerts"));
    private final List<String> told = new CopyOnWriteArrayList<>();
    private GrpcHealthServer service;
    private RegistryStub stub;
    private TokenListFixture list;
    private History history;

    @Override
    public void start(Stage stage) {
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        history.close();
        list.close();
        stub.close();
        service.close();
    }

    @Test
    void aServiceDownLongerThanFiveMinutesIsToldOnceWithTheTokenMaskedAndItsRecoveryOnce() throws Exception {
        Text.use(Locale.ENGLISH);
        service = GrpcHealthServer.plaintext();
        stub = RegistryStub.start(2).register(TOKEN, "127.0.0.1", service.port());
        list = TokenListFixture.open(stub.registry(), s -> { });
        history = new History(dir.resolve(History.FILE_NAME), Retention.DEFAULT, "window", Clock.systemUTC());
        MovingClock clock = new MovingClock(Instant.parse("2026-12-04T03:02:00Z"));
        TokenListModel model = list.model();
        OutageAlerts alerts = new OutageAlerts(model, OutageWatch.minutes(5), timer, Platform::runLater, clock, Duration.ofMillis(20),
                (text, problem) -> told.add(problem + " " + text));
        // The recorded states carry the model's own times; the alerts hear them at the time the test moves.
        interact(() -> {
            HistoryRecording.install(model, history, o -> alerts.heard(new Observed(o.token(), new Event(clock.instant(),
                    o.event().registry(), o.event().source(), o.event().kind(), o.event().detail(), o.event().latency()))));
            model.load(List.of(SavedToken.added(Token.of(TOKEN), Instant.now()).withLabel("night bot")));
        });
        TokenRow row = model.rows().get(0);
        checkUntil(model, row, StateKind.SERVING);

        service.status(ServingStatus.NOT_SERVING);
        checkUntil(model, row, StateKind.NOT_SERVING);
        clock.advance(Duration.ofMinutes(4));
        checkUntil(model, row, StateKind.NOT_SERVING);
        Thread.sleep(200);
        assertEquals(List.of(), told, "4 minutes is a blip");

        clock.advance(Duration.ofMinutes(1));
        RegistryFixture.await(Duration.ofSeconds(10), "told", () -> !told.isEmpty());
        assertEquals("true night bot (" + Token.mask(TOKEN) + ") has been down since 03:02 (not serving).", told.get(0));
        assertFalse(told.get(0).contains(TOKEN));

        service.status(ServingStatus.SERVING);
        clock.advance(Duration.ofMinutes(10));
        checkUntil(model, row, StateKind.SERVING);
        RegistryFixture.await(Duration.ofSeconds(10), "told back", () -> told.size() == 2);
        assertEquals("false night bot (" + Token.mask(TOKEN) + ") is back (down from 03:02 to 03:17).", told.get(1));
        Thread.sleep(200);
        assertEquals(2, told.size(), "nothing more: " + told);
    }

    /** Checks the row as Check does and waits for its probe to say {@code kind}. */
    private void checkUntil(TokenListModel model, TokenRow row, StateKind kind) throws Exception {
        CompletableFuture<CompletableFuture<Void>> started = new CompletableFuture<>();
        interact(() -> started.complete(model.check(List.of(row))));
        started.get().get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        StateKind seen = row.probeProperty().get() instanceof RowProbe.Probed p
                ? Observed.probe(row.token(), null, p.report(), Instant.now()).event().kind() : null;
        assertEquals(kind, seen);
    }
}
