package org.tokendesk.ui.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Text;
import org.tokendesk.registration.Drop;
import org.tokendesk.registration.KeptToken;
import org.tokendesk.registration.LocalService;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.registration.Verification;
import org.tokendesk.store.SavedToken;
import org.tokendesk.token.Token;
import org.tokendesk.ui.model.RowEvents;
import org.tokendesk.ui.model.TokenRow;

/** Closing the window, the tray and drop/recovery notices, as the desktop sees them. */
class TrayAndNoticesTest extends ApplicationTest {
    private Stage stage;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    private static TokenRow row(int n, boolean keepOnline) {
        Token token = Token.of("insecure_0000000" + n + "-aaaa-4bbb-8ccc-123456789abc");
        return new TokenRow(new SavedToken(token, "bot " + n, Instant.EPOCH, keepOnline, 8788));
    }

    private static KeptToken kept(TokenRow row, RegistrationState state) {
        return new KeptToken(row.token(), Registry.CHATIE, 8788, state, new Verification.NotChecked(), new LocalService.NotChecked());
    }

    private static final RegistrationState ONLINE = new RegistrationState.Online(Instant.EPOCH, 0, Optional.empty());
    private static final RegistrationState RETRYING =
            new RegistrationState.Retrying(Instant.now().plusSeconds(5), 1, new Drop(Drop.Cause.CLOSED, "1006"));

    @Test
    void dropsWithinTheWindowMakeOneNoticeAndRecoveriesAnother() throws Exception {
        ObservableList<TokenRow> rows = FXCollections.observableArrayList();
        List<OnlineWatch.Notice> notices = new CopyOnWriteArrayList<>();
        List<TokenRow> three = List.of(row(1, true), row(2, true), row(3, true));
        AtomicInteger online = new AtomicInteger();
        interact(() -> {
            rows.addAll(three);
            OnlineWatch watch = new OnlineWatch(rows, Duration.millis(300), notices::add);
            watch.onlineProperty().addListener((o, was, now) -> online.set(now.intValue()));
            three.forEach(r -> RowEvents.engineReported(r, kept(r, ONLINE)));
        });
        assertEquals(3, online.get());

        interact(() -> three.forEach(r -> RowEvents.engineReported(r, kept(r, RETRYING))));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> notices.size() == 1);
        assertEquals(3, notices.get(0).dropped().size());
        assertEquals(0, online.get());

        interact(() -> three.forEach(r -> RowEvents.engineReported(r, kept(r, ONLINE))));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> notices.size() == 2);
        assertEquals(three, notices.get(1).recovered());
        assertEquals(3, online.get());
    }

    @Test
    void switchingOffIsNotADrop() throws Exception {
        ObservableList<TokenRow> rows = FXCollections.observableArrayList();
        List<OnlineWatch.Notice> notices = new CopyOnWriteArrayList<>();
        TokenRow r = row(1, true);
        interact(() -> {
            rows.add(r);
            new OnlineWatch(rows, Duration.millis(100), notices::add);
            RowEvents.engineReported(r, kept(r, ONLINE));
            RowEvents.switched(r, false);
            RowEvents.engineReported(r, kept(r, new RegistrationState.Off()));
        });
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(notices.isEmpty());
    }

    /** A tray that records what it was asked to do. */
    private static final class RecordingTray implements Tray {
        final List<String> said = new ArrayList<>();
        int online;

        @Override
        public void setOnline(int count) {
            online = count;
        }

        @Override
        public void notify(String title, String text, Kind kind) {
            said.add(text);
        }

        @Override
        public void remove() {
        }
    }

    @Test
    void withNothingKeptOnlineClosingQuits() {
        AtomicBoolean quit = new AtomicBoolean();
        WindowClose close = new WindowClose(stage, () -> 0, told(new AtomicBoolean()), () -> quit.set(true));
        interact(() -> close.handle(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertTrue(quit.get());
    }

    @Test
    void withATrayClosingHidesAndSaysSoOnce() {
        AtomicBoolean quit = new AtomicBoolean();
        AtomicBoolean toldFlag = new AtomicBoolean();
        RecordingTray tray = new RecordingTray();
        WindowClose close = new WindowClose(stage, () -> 2, told(toldFlag), () -> quit.set(true));
        close.useTray(tray);

        WindowEvent first = new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST);
        interact(() -> close.handle(first));
        assertTrue(first.isConsumed(), "the window stays alive");
        assertFalse(stage.isShowing());
        assertFalse(quit.get());
        assertEquals(List.of(Text.get("tray.stillOnline", 2)), tray.said);
        assertTrue(toldFlag.get());

        interact(() -> {
            stage.show();
            close.handle(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        assertEquals(1, tray.said.size(), "told once");
    }

    @Test
    void withoutATrayClosingAsksAndQuitsOnlyWhenTheUserSaysSo() throws Exception {
        AtomicBoolean quit = new AtomicBoolean();
        WindowClose close = new WindowClose(stage, () -> 3, told(new AtomicBoolean()), () -> quit.set(true));

        javafx.application.Platform.runLater(() -> close.handle(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        clickOn(Text.get("close.minimize"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(quit.get(), "minimizing keeps the tokens online");
        assertTrue(stage.isIconified());

        interact(() -> stage.setIconified(false));
        javafx.application.Platform.runLater(() -> close.handle(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        clickOn(Text.get("close.quit"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(quit.get());
    }

    private static WindowClose.Told told(AtomicBoolean flag) {
        return new WindowClose.Told() {
            @Override
            public boolean already() {
                return flag.get();
            }

            @Override
            public void remember() {
                flag.set(true);
            }
        };
    }
}
