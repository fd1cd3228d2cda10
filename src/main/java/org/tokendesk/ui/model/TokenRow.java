package org.tokendesk.ui.model;

import java.time.Instant;
import java.util.Optional;

import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.registration.KeptToken;
import org.tokendesk.store.SavedToken;
import org.tokendesk.token.Token;

/** One token as the window shows it. Changed on the JavaFX thread only. */
public final class TokenRow {
    private final Token token;
    private final Instant added;
    private final StringProperty label = new SimpleStringProperty(this, "label", "");
    private final ObjectProperty<RowCheck> check = new SimpleObjectProperty<>(this, "check", RowCheck.NOT_CHECKED);
    private final ObjectProperty<RowProbe> probe = new SimpleObjectProperty<>(this, "probe", RowProbe.NONE);
    private final BooleanProperty revealed = new SimpleBooleanProperty(this, "revealed", false);
    private final BooleanProperty keepOnline = new SimpleBooleanProperty(this, "keepOnline", false);
    private final IntegerProperty port = new SimpleIntegerProperty(this, "port", SavedToken.DEFAULT_PORT);
    /** The keep-online engine's latest snapshot of this token; null until the engine has seen it. */
    private final ObjectProperty<KeptToken> kept = new SimpleObjectProperty<>(this, "kept");
    /** Bumped whenever the engine logs a line for this token, so an open log view can refresh. */
    private final IntegerProperty logLines = new SimpleIntegerProperty(this, "logLines");
    private final ObjectProperty<RowHint> hint = new SimpleObjectProperty<>(this, "hint");
    /** Bumped by every new check, so that a late answer to an older one is dropped. */
    private long generation;
    /** The row's own, not a cell's: cells move to other rows as the table sorts and scrolls. */
    private PauseTransition hideAgain;

    public TokenRow(SavedToken saved) {
        this.token = saved.token();
        this.added = saved.added();
        this.label.set(saved.label());
        this.keepOnline.set(saved.keepOnline());
        this.port.set(saved.port());
    }

    public Token token() {
        return token;
    }

    public StringProperty labelProperty() {
        return label;
    }

    public String label() {
        return label.get();
    }

    public ObjectProperty<RowCheck> checkProperty() {
        return check;
    }

    public RowCheck check() {
        return check.get();
    }

    public BooleanProperty keepOnlineProperty() {
        return keepOnline;
    }

    public boolean keepOnline() {
        return keepOnline.get();
    }

    public IntegerProperty portProperty() {
        return port;
    }

    public int port() {
        return port.get();
    }

    public ObjectProperty<KeptToken> keptProperty() {
        return kept;
    }

    public IntegerProperty logLinesProperty() {
        return logLines;
    }

    /** True while the whole token is shown; only {@link #reveal} and {@link #hide} change it. */
    public ReadOnlyBooleanProperty revealedProperty() {
        return revealed;
    }

    /** Shows the whole token for {@code time}, then masks it again; a second reveal starts the time over. */
    public void reveal(Duration time) {
        if (hideAgain != null) {
            hideAgain.stop();
        }
        hideAgain = new PauseTransition(time);
        hideAgain.setOnFinished(e -> hide());
        revealed.set(true);
        hideAgain.playFromStart();
    }

    public void hide() {
        if (hideAgain != null) {
            hideAgain.stop();
            hideAgain = null;
        }
        revealed.set(false);
    }

    /** What another feature adds to the State cell (check everywhere: where else the token is registered); null for none. */
    public ObjectProperty<RowHint> hintProperty() {
        return hint;
    }

    /** The resolved address, when the last check found one. */
    public Optional<Lookup.Resolved> resolved() {
        return check.get() instanceof RowCheck.Checked c && c.lookup() instanceof Lookup.Resolved r ? Optional.of(r) : Optional.empty();
    }

    public ObjectProperty<RowProbe> probeProperty() {
        return probe;
    }

    long startCheck() {
        check.set(RowCheck.CHECKING);
        return ++generation;
    }

    /** A probe belongs to the lookup that resolved; a newer check makes its answer stale. */
    void setProbe(long ofGeneration, RowProbe state) {
        if (ofGeneration == generation) {
            probe.set(state);
        }
    }

    long generation() {
        return generation;
    }

    void finishCheck(long ofGeneration, RowCheck.Checked result) {
        if (ofGeneration == generation) {
            check.set(result);
        }
    }

    public SavedToken toSaved() {
        return new SavedToken(token, label.get(), added, keepOnline.get(), port.get());
    }
}
