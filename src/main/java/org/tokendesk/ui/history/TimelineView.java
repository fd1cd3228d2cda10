package org.tokendesk.ui.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import org.tokendesk.history.Band;
import org.tokendesk.i18n.HistoryWords;
import org.tokendesk.history.StateKind;
import org.tokendesk.history.Timeline;
import org.tokendesk.i18n.Text;
import org.tokendesk.ui.Tone;

/**
 * A timeline as a strip of coloured bands, one region per stretch of one colour. Bands too narrow to see
 * are folded into {@value #SLOTS} slots first (the worst state in a slot shows), so a month of flapping
 * is still a few hundred regions. Hovering shows the band under the pointer.
 */
public final class TimelineView extends Region {
    static final int SLOTS = 600;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withZone(ZoneId.systemDefault());

    /** A drawn stretch: fractions of the width and its look. */
    record Strip(double from, double to, Tone tone, boolean gap) {
    }

    private final Tooltip tip = new Tooltip();
    private Timeline timeline;
    private List<Strip> strips = List.of();

    public TimelineView() {
        getStyleClass().add("history-timeline");
        setId("historyTimeline");
        setMinHeight(28);
        setPrefHeight(28);
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(this, tip);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> tip.setText(describeAt(e.getX() / Math.max(1, getWidth()))));
    }

    public void show(Timeline shown) {
        timeline = shown;
        strips = strips(shown);
        List<Region> regions = new ArrayList<>(strips.size());
        for (Strip s : strips) {
            Region r = new Region();
            r.getStyleClass().add("history-band");
            if (s.gap()) {
                r.getStyleClass().add("history-gap");
            } else {
                s.tone().apply(r);
            }
            r.setMouseTransparent(true);
            regions.add(r);
        }
        getChildren().setAll(regions);
        requestLayout();
    }

    List<Strip> strips() {
        return strips;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        for (int i = 0; i < strips.size() && i < getChildren().size(); i++) {
            Strip s = strips.get(i);
            double x0 = snapPositionX(snappedLeftInset() + s.from() * w);
            double x1 = snapPositionX(snappedLeftInset() + s.to() * w);
            getChildren().get(i).resizeRelocate(x0, snappedTopInset(), Math.max(1, x1 - x0), h);
        }
    }

    /** The bands folded into slots, then neighbours of one look merged. */
    static List<Strip> strips(Timeline t) {
        long span = Math.max(1, t.to().toEpochMilli() - t.from().toEpochMilli());
        int[] worst = new int[SLOTS];
        Arrays.fill(worst, -1);
        for (Band b : t.bands()) {
            double f0 = (b.from().toEpochMilli() - t.from().toEpochMilli()) / (double) span;
            double f1 = (b.to().toEpochMilli() - t.from().toEpochMilli()) / (double) span;
            int s0 = Math.max(0, Math.min(SLOTS - 1, (int) Math.floor(f0 * SLOTS)));
            int s1 = Math.max(s0, Math.min(SLOTS - 1, (int) Math.ceil(f1 * SLOTS) - 1));
            int rank = rank(b);
            for (int s = s0; s <= s1; s++) {
                worst[s] = Math.max(worst[s], rank);
            }
        }
        List<Strip> out = new ArrayList<>();
        int start = 0;
        for (int s = 1; s <= SLOTS; s++) {
            if (s == SLOTS || worst[s] != worst[start]) {
                out.add(strip(start / (double) SLOTS, s / (double) SLOTS, worst[start]));
                start = s;
            }
        }
        return out;
    }

    /** Which look wins a slot: a drop is never hidden by the up time around it. */
    private static int rank(Band b) {
        if (b instanceof Band.NotRunning) {
            return 0;
        }
        if (!(b instanceof Band.Observed o)) {
            return 1;
        }
        return switch (o.kind().health()) {
            case IDLE -> 1;
            case UP -> 2;
            case DEGRADED -> 3;
            case DOWN -> 4;
        };
    }

    private static Strip strip(double from, double to, int rank) {
        return switch (rank) {
            case 2 -> new Strip(from, to, Tone.OK, false);
            case 3 -> new Strip(from, to, Tone.WARN, false);
            case 4 -> new Strip(from, to, Tone.ERROR, false);
            case 1 -> new Strip(from, to, Tone.MUTED, false);
            default -> new Strip(from, to, Tone.MUTED, true);
        };
    }

    /** The tooltip text for the band at {@code fraction} of the width. */
    String describeAt(double fraction) {
        if (timeline == null || timeline.bands().isEmpty()) {
            return "";
        }
        long span = timeline.to().toEpochMilli() - timeline.from().toEpochMilli();
        Instant at = timeline.from().plusMillis((long) (Math.max(0, Math.min(1, fraction)) * span));
        Band found = timeline.bands().get(timeline.bands().size() - 1);
        for (Band b : timeline.bands()) {
            if (!at.isBefore(b.from()) && at.isBefore(b.to())) {
                found = b;
                break;
            }
        }
        String text = Text.get("history.tooltip", HistoryWords.band(found), WHEN.format(found.from()), WHEN.format(found.to()),
                HistoryWords.duration(found.length()));
        if (found instanceof Band.Observed o && !o.events().isEmpty()) {
            text += "\n" + Text.get("history.tooltip.events", o.events().size(), HistoryWords.event(o.events().get(o.events().size() - 1)));
        }
        return text;
    }

    static Tone tone(StateKind kind) {
        return switch (kind.health()) {
            case UP -> Tone.OK;
            case DEGRADED -> Tone.WARN;
            case DOWN -> Tone.ERROR;
            case IDLE -> Tone.MUTED;
        };
    }
}
