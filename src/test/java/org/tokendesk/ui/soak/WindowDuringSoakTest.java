package org.tokendesk.ui.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.registration.Timing;
import org.tokendesk.reliability.FaultProxy;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.testing.TokenListFixture;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * The main window open through a short soak: 100 tokens kept online through the fault proxy
 * while the registry drops every connection and comes back, 3 times. A pulse listener (an
 * AnimationTimer) times every gap between FX pulses, and a watchdog samples the FX thread every
 * 10 ms: blocked means waiting on a lock or in file or socket I/O while TokenDesk code is on its
 * stack; no such run may last 100 ms. Pulse gaps are reported beside a control thread's own
 * stalls (the machine is shared and loaded). At the end every row shows the engine's state.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WindowDuringSoakTest extends ApplicationTest {
    private static final int TOKENS = 100;
    private static final long BLOCKED_MS = 100;
    private static final Timing TIMING = Timing.DEFAULT.withPingInterval(Duration.ofMillis(700))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)).withHandshakeTimeout(Duration.ofSeconds(3));

    private static RegistryFixture registry;
    private static FaultProxy proxy;
    private TokenListFixture list;
    private TokenListModel model;
    private final List<long[]> fxGaps = new CopyOnWriteArrayList<>();
    private final List<long[]> machineStalls = new CopyOnWriteArrayList<>();
    private volatile boolean measuring = true;
    private volatile long longestBlockedMs;
    private volatile String blockedWhere = "";

    /** Servers start off the FX thread: on a loaded machine the toolkit's set-up time is short enough already. */
    @BeforeAll
    static void servers() throws IOException {
        Text.use(Locale.ENGLISH);
        registry = RegistryFixture.start();
        proxy = new FaultProxy(registry.port(), new FaultProxy.Faults(0.05, Duration.ofSeconds(5), Duration.ofMillis(200)), 16);
    }

    @AfterAll
    static void stopServers() throws IOException {
        proxy.close();
        registry.close();
    }

    @Override
    public void start(Stage stage) {
        Registry viaProxy = new Registry(URI.create("http://127.0.0.1:" + proxy.port()));
        list = TokenListFixture.open(Http.newClient(Http.Timeouts.DISCOVERY), viaProxy, TIMING, saved -> { });
        model = list.model();
        MainWindow window = new MainWindow(model, r -> { });
        stage.setScene(new Scene(window.view(), 1100, 700));
        stage.show();
        new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0 && (now - last) / 1_000_000 > BLOCKED_MS) {
                    fxGaps.add(new long[] {last, now});
                }
                last = now;
            }
        }.start();
        Thread control = new Thread(() -> {
            long last = System.nanoTime();
            while (measuring) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                if ((now - last) / 1_000_000 > BLOCKED_MS / 2) {
                    machineStalls.add(new long[] {last, now});
                }
                last = now;
            }
        }, "stall-control");
        control.setDaemon(true);
        control.start();
        Thread fx = Thread.currentThread();
        Thread watchdog = new Thread(() -> watch(fx), "fx-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void watch(Thread fx) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long since = 0;
        while (measuring) {
            ThreadInfo info = mx.getThreadInfo(fx.getId(), 40);
            long now = System.nanoTime();
            String where = info == null ? null : blockedAt(info);
            if (where == null) {
                since = 0;
            } else if (since == 0) {
                since = now;
            } else if ((now - since) / 1_000_000 > longestBlockedMs) {
                longestBlockedMs = (now - since) / 1_000_000;
                blockedWhere = where;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Where the FX thread is blocked in our code (a lock, file or socket I/O), or null when it runs or idles. */
    private static String blockedAt(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        String ours = null;
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("org.tokendesk.") && !e.getClassName().contains("WindowDuringSoakTest")) {
                ours = e.toString();
                break;
            }
        }
        if (ours == null || stack.length == 0) {
            return null;
        }
        String top = stack[0].getClassName();
        boolean io = top.startsWith("sun.nio.ch.") || top.startsWith("java.net.") || top.startsWith("sun.nio.fs.")
                || top.startsWith("java.io.File") || top.startsWith("java.io.RandomAccessFile");
        boolean waiting = info.getThreadState() == Thread.State.BLOCKED || info.getThreadState() == Thread.State.WAITING
                || info.getThreadState() == Thread.State.TIMED_WAITING;
        return io || waiting ? info.getThreadState() + " at " + stack[0] + " from " + ours : null;
    }

    @AfterEach
    void close() {
        measuring = false;
        list.close();
    }

    @Test
    void theFxThreadIsNeverBlockedAndEveryRowEndsRight() throws Exception {
        StringBuilder paste = new StringBuilder();
        for (int i = 0; i < TOKENS; i++) {
            paste.append("insecure_window").append(i).append('-').append(UUID.randomUUID()).append('\n');
        }
        interact(() -> model.add(paste.toString()));
        interact(() -> {
            for (TokenRow row : model.rows()) {
                model.setKeepOnline(row, true, 8788);
            }
        });
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> proxy.onlineCount() == TOKENS);
        for (int round = 0; round < 3; round++) {
            registry.stop();
            Thread.sleep(500);
            registry.restart();
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> proxy.onlineCount() == TOKENS);
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.rows().stream().allMatch(WindowDuringSoakTest::online));
        WaitForAsyncUtils.waitForFxEvents();
        measuring = false;

        List<TokenRow> rows = new ArrayList<>(model.rows());
        assertEquals(TOKENS, rows.size());
        for (TokenRow row : rows) {
            assertEquals(list.engine().state(row.token()).getClass(), row.keptProperty().get().state().getClass(), row.token()::toString);
        }
        List<String> shown = lookup(".table-row-cell .label").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(t -> t.startsWith("online") || t.startsWith("connecting") || t.startsWith("retrying")).toList();
        assertTrue(!shown.isEmpty() && shown.stream().allMatch(t -> t.startsWith("online")), shown::toString);

        List<long[]> blocked = new ArrayList<>();
        long worst = 0;
        for (long[] gap : fxGaps) {
            worst = Math.max(worst, (gap[1] - gap[0]) / 1_000_000);
            boolean machine = machineStalls.stream().anyMatch(s -> s[0] < gap[1] && s[1] > gap[0]);
            if (!machine) {
                blocked.add(gap);
            }
        }
        System.out.printf("window during soak: %d rows online after 3 registry restarts, %d cuts; FX pulse gaps over %d ms: %d (longest %d ms),"
                + " %d of them while a control thread stalled too (the machine), %d with the FX thread alone (busy or starved);"
                + " longest run of the FX thread blocked in our code: %d ms %s%n",
                TOKENS, proxy.cuts(), BLOCKED_MS, fxGaps.size(), worst, fxGaps.size() - blocked.size(), blocked.size(),
                longestBlockedMs, blockedWhere);
        assertTrue(longestBlockedMs < BLOCKED_MS, () -> "the FX thread was blocked " + longestBlockedMs + " ms: " + blockedWhere);
    }

    private static boolean online(TokenRow row) {
        return row.keptProperty().get() != null && row.keptProperty().get().state() instanceof RegistrationState.Online;
    }
}
