package org.tokendesk.ui.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.tokendesk.history.Observed;
import org.tokendesk.history.OutageWatch;
import org.tokendesk.i18n.HistoryWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * The window's side of {@link OutageWatch}: hears every recorded state, looks at the clock on the
 * schedule's timer thread (an outage with no news still becomes due) and tells the user on the
 * JavaFX thread, through the tray's notification where there is one. Tokens shown masked.
 */
public final class OutageAlerts {
    public static final Duration TICK = Duration.ofSeconds(15);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final OutageWatch watch;
    private final TokenListModel model;
    private final Executor fx;
    private final Clock clock;
    private final BiConsumer<String, Boolean> tell;

    /** @param tell shows a notice: (text, isProblem), on the JavaFX thread */
    public OutageAlerts(TokenListModel model, Optional<Duration> after, ScheduledExecutorService timer, Executor fx, Clock clock,
                        Duration tick, BiConsumer<String, Boolean> tell) {
        this.watch = new OutageWatch(after);
        this.model = model;
        this.fx = fx;
        this.clock = clock;
        this.tell = tell;
        timer.scheduleWithFixedDelay(() -> deliver(watch.tick(clock.instant())), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void use(Optional<Duration> after) {
        watch.use(after);
    }

    /** For {@link HistoryRecording}: every recorded state, on the thread that saw it. */
    public void heard(Observed observed) {
        deliver(watch.observe(observed.token(), observed.event().kind(), observed.event().at()));
    }

    private void deliver(List<OutageWatch.Alert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        try {
            fx.execute(() -> alerts.forEach(this::say));
        } catch (RejectedExecutionException | IllegalStateException e) {
            // Quitting: the toolkit is gone.
        }
    }

    /** On the JavaFX thread; a token removed meanwhile is not spoken of. */
    private void say(OutageWatch.Alert alert) {
        Optional<TokenRow> row = model.find(alert.token());
        if (row.isEmpty()) {
            watch.forget(alert.token());
            return;
        }
        String name = name(row.get());
        if (alert instanceof OutageWatch.Down down) {
            tell.accept(Text.get("alert.down", name, time(down.since()), HistoryWords.state(down.kind())), true);
        } else if (alert instanceof OutageWatch.Back back) {
            tell.accept(Text.get("alert.back", name, time(back.since()), time(back.at())), false);
        }
    }

    private String time(Instant at) {
        ZoneId zone = clock.getZone();
        return HH_MM.format(at.atZone(zone));
    }

    /** The label with the masked token, or the masked token alone: notices end up on screens and screenshots. */
    static String name(TokenRow row) {
        String masked = row.token().masked();
        return row.label().isBlank() ? masked : row.label() + " (" + masked + ")";
    }
}
