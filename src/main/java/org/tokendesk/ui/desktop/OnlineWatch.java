package org.tokendesk.ui.desktop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javafx.animation.PauseTransition;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import org.tokendesk.registration.KeptToken;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.ui.keeponline.OnlineWords;
import org.tokendesk.ui.model.TokenRow;

/**
 * Follows every kept-online row: counts those online (for the tray) and reports drops and
 * recoveries, gathered over a short window so that a registry restart with 500 tokens makes one
 * notice, not 500.
 */
public final class OnlineWatch {
    /** One gathered notice: tokens that dropped (with why) and tokens that came back, in that window. */
    public record Notice(Map<TokenRow, String> dropped, List<TokenRow> recovered) {
    }

    private final IntegerProperty online = new SimpleIntegerProperty();
    private final Set<TokenRow> onlineRows = new HashSet<>();
    private final Set<TokenRow> down = new HashSet<>();
    private final Map<TokenRow, ChangeListener<KeptToken>> listeners = new LinkedHashMap<>();
    private final Map<TokenRow, String> droppedNow = new LinkedHashMap<>();
    private final List<TokenRow> recoveredNow = new ArrayList<>();
    private final PauseTransition gather;
    private final Consumer<Notice> onNotice;

    public OnlineWatch(ObservableList<TokenRow> rows, Duration window, Consumer<Notice> onNotice) {
        this.onNotice = onNotice;
        this.gather = new PauseTransition(window);
        gather.setOnFinished(e -> emit());
        rows.forEach(this::follow);
        rows.addListener((ListChangeListener<TokenRow>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::unfollow);
                change.getAddedSubList().forEach(this::follow);
            }
        });
    }

    /** How many tokens are online right now. */
    public IntegerProperty onlineProperty() {
        return online;
    }

    private void follow(TokenRow row) {
        ChangeListener<KeptToken> listener = (o, was, now) -> moved(row, was, now);
        listeners.put(row, listener);
        row.keptProperty().addListener(listener);
        if (isOnline(row.keptProperty().get())) {
            onlineRows.add(row);
            online.set(onlineRows.size());
        }
    }

    private void unfollow(TokenRow row) {
        ChangeListener<KeptToken> listener = listeners.remove(row);
        if (listener != null) {
            row.keptProperty().removeListener(listener);
        }
        down.remove(row);
        if (onlineRows.remove(row)) {
            online.set(onlineRows.size());
        }
    }

    private void moved(TokenRow row, KeptToken was, KeptToken now) {
        boolean wasOnline = isOnline(was);
        boolean nowOnline = isOnline(now);
        if (nowOnline) {
            onlineRows.add(row);
        } else {
            onlineRows.remove(row);
        }
        online.set(onlineRows.size());
        // Switching off is the user's doing, not a drop.
        boolean wanted = row.keepOnline() && now != null && !(now.state() instanceof RegistrationState.Off);
        if (wasOnline && !nowOnline && wanted) {
            down.add(row);
            recoveredNow.remove(row);
            droppedNow.put(row, why(now));
            gather.playFromStart();
        } else if (nowOnline && down.remove(row)) {
            if (droppedNow.remove(row) == null) {
                recoveredNow.add(row);
            }
            gather.playFromStart();
        } else if (!wanted) {
            down.remove(row);
            droppedNow.remove(row);
        }
    }

    private void emit() {
        if (droppedNow.isEmpty() && recoveredNow.isEmpty()) {
            return;
        }
        Notice notice = new Notice(Collections.unmodifiableMap(new LinkedHashMap<>(droppedNow)), List.copyOf(recoveredNow));
        droppedNow.clear();
        recoveredNow.clear();
        onNotice.accept(notice);
    }

    private static String why(KeptToken now) {
        return OnlineWords.full(true, now, Instant.now());
    }

    private static boolean isOnline(KeptToken kept) {
        return kept != null && kept.state() instanceof RegistrationState.Online;
    }
}
