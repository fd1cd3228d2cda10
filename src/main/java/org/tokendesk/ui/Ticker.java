package org.tokendesk.ui;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.util.Duration;

/** A once-a-second beat for texts that count down ("retrying in 5 s"). One timeline for the whole app. */
public final class Ticker {
    private static LongProperty seconds;

    private Ticker() {
    }

    /** Changes every second; call on the JavaFX thread. */
    public static LongProperty seconds() {
        if (seconds == null) {
            seconds = new SimpleLongProperty();
            Timeline beat = new Timeline(new KeyFrame(Duration.seconds(1), e -> seconds.set(seconds.get() + 1)));
            beat.setCycleCount(Animation.INDEFINITE);
            beat.play();
        }
        return seconds;
    }
}
