package org.tokendesk.ui.model;

import java.time.Instant;
import java.util.Optional;

import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.registration.KeptToken;
import org.tokendesk.store.SavedToken;
import org.tokendesk.token.Token;

/**
 * One token as the window shows it. Views see read-only properties; state changes only through
 * the commands here (the user's: {@link #rename}, {@link #reveal}; the list model's, package-private:
 * checks, probes, keep-online), so the stale-answer guard cannot be bypassed. JavaFX thread only.
 */
public final class TokenRow {
    private final Token token;
    private final Instant added;
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper(this, "label", "");
    private final ReadOnlyObjectWrapper<RowCheck> check = new ReadOnlyObjectWrapper<>(this, "check", RowCheck.NOT_CHECKED);
    private final ReadOnlyObjectWrapper<RowProbe> probe = new ReadOnlyObjectWrapper<>(this, "probe", RowProbe.NONE);
    private final ReadOnlyBooleanWrapper revealed = new ReadOnlyBooleanWrapper(this, "revealed", false);
    private final ReadOnlyBooleanWrapper keepOnline = new ReadOnlyBooleanWrapper(this, "keepOnline", false);
    private final ReadOnlyIntegerWrapper port = new ReadOnlyIntegerWrapper(this, "port", SavedToken.DEFAULT_PORT);
    /** The keep-online engine's latest snapshot of this token; null until the engine has seen it. */
    private final ReadOnlyObjectWrapper<KeptToken> kept = new ReadOnlyObjectWrapper<>(this, "kept");
    /** How many lines the engine has logged for this token since the row was made: an open log view refreshes on it. */
    private final ReadOnlyIntegerWrapper logLines = new ReadOnlyIntegerWrapper(this, "logLines");
    private final ReadOnlyObjectWrapper<RowHint> hint = new ReadOnlyObjectWrapper<>(this, "hint");
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

    public ReadOnlyStringProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    public String label() {
        return label.get();
    }

    /** The user's name for the token (the list saves it). */
    public void rename(String newLabel) {
        label.set(newLabel == null ? "" : newLabel);
    }

    public ReadOnlyObjectProperty<RowCheck> checkProperty() {
        return check.getReadOnlyProperty();
    }

    public RowCheck check() {
        return check.get();
    }

    public ReadOnlyBooleanProperty keepOnlineProperty() {
        return keepOnline.getReadOnlyProperty();
    }

    public boolean keepOnline() {
        return keepOnline.get();
    }

    public ReadOnlyIntegerProperty portProperty() {
        return port.getReadOnlyProperty();
    }

    public int port() {
        return port.get();
    }

    /** Switched by {@link TokenListModel#setKeepOnline}, which also tells the engine and saves. */
    void switchKeepOnline(boolean on, int advertised) {
        port.set(advertised);
        keepOnline.set(on);
    }

    public ReadOnlyObjectProperty<KeptToken> keptProperty() {
        return kept.getReadOnlyProperty();
    }

    /** The engine's newest snapshot of this token. */
    void engineReported(KeptToken status) {
        kept.set(status);
    }

    public ReadOnlyIntegerProperty logLinesProperty() {
        return logLines.getReadOnlyProperty();
    }

    void engineLogged() {
        logLines.set(logLines.get() + 1);
    }

    /** True while the whole token is shown; only {@link #reveal} and {@link #hide} change it. */
    public ReadOnlyBooleanProperty revealedProperty() {
        return revealed.getReadOnlyProperty();
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
    public ReadOnlyObjectProperty<RowHint> hintProperty() {
        return hint.getReadOnlyProperty();
    }

    /** Sets what another feature adds to the State cell; null takes it away. */
    public void showHint(RowHint newHint) {
        hint.set(newHint);
    }

    /** The resolved address, when the last check found one. */
    public Optional<Lookup.Resolved> resolved() {
        return check.get() instanceof RowCheck.Checked c && c.lookup() instanceof Lookup.Resolved r ? Optional.of(r) : Optional.empty();
    }

    public ReadOnlyObjectProperty<RowProbe> probeProperty() {
        return probe.getReadOnlyProperty();
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
