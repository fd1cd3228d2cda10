package org.tokendesk.ui.update;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.tokendesk.i18n.Text;
import org.tokendesk.update.ReleaseVersion;
import org.tokendesk.update.UpdateCheck;
import org.tokendesk.update.UpdatePreferences;
import org.tokendesk.update.UpdateService;

/**
 * The quiet line above the token list: once, the question whether to look for new versions; later,
 * when one is out, its number and a link to its download page (opened in the browser, nothing
 * downloaded here). Failed checks show nothing; they are logged.
 */
public final class UpdateBanner {
    private static final Logger LOG = Logger.getLogger(UpdateBanner.class.getName());

    private final UpdateService service;
    private final ReleaseVersion current;
    private final Consumer<URI> openPage;
    private final Executor io;
    private final HBox view = new HBox(8);
    private State state = State.HIDDEN;
    private UpdateCheck.NewVersion news;

    private enum State { HIDDEN, ASKING, NEWS }

    /** {@code io} runs the file and network work; {@code openPage} opens a link in the browser. */
    public UpdateBanner(UpdateService service, ReleaseVersion current, Consumer<URI> openPage, Executor io) {
        this.service = service;
        this.current = current;
        this.openPage = openPage;
        this.io = io;
        view.setId("updateBanner");
        view.getStyleClass().add("update-banner");
        view.setAlignment(Pos.CENTER_LEFT);
        render();
    }

    public Node view() {
        return view;
    }

    /** Asks or checks, as the saved answer says; call once the window shows. */
    public void start() {
        submit(() -> CompletableFuture.supplyAsync(service::next, io).thenAccept(next -> Platform.runLater(() -> {
            if (next == UpdatePreferences.Next.ASK) {
                state = State.ASKING;
                render();
            } else if (next == UpdatePreferences.Next.CHECK) {
                checkNow();
            }
        })).exceptionally(this::logged));
    }

    /** The Settings switch: on checks now if a day has passed, off hides the banner. */
    public void setEnabled(boolean enabled) {
        submit(() -> CompletableFuture.runAsync(() -> save(enabled), io).thenRun(() -> Platform.runLater(() -> {
            if (!enabled) {
                state = State.HIDDEN;
                render();
            } else {
                checkNow();
            }
        })).exceptionally(this::logged));
    }

    /** Rebuilds the texts after a language change. */
    public void relabel() {
        render();
    }

    private void answer(boolean yes) {
        state = State.HIDDEN;
        render();
        setEnabled(yes);
    }

    private void checkNow() {
        submit(() -> CompletableFuture.supplyAsync(this::checkIfDue, io).thenAccept(found -> Platform.runLater(() -> {
            if (found.orElse(null) instanceof UpdateCheck.NewVersion newer) {
                news = newer;
                state = State.NEWS;
                render();
            } else {
                found.ifPresent(result -> LOG.info(() -> "update check: " + result));
            }
        })).exceptionally(this::logged));
    }

    private Optional<UpdateCheck> checkIfDue() {
        try {
            return service.checkIfDue(current);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "update check: cannot save its time", e);
            return Optional.empty();
        }
    }

    private void save(boolean enabled) {
        try {
            service.setEnabled(enabled);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "update check: cannot save the answer", e);
        }
    }

    private void render() {
        view.getChildren().clear();
        view.setVisible(state != State.HIDDEN);
        view.setManaged(state != State.HIDDEN);
        if (state == State.ASKING) {
            Label question = new Label(Text.get("update.ask"));
            question.setId("updateQuestion");
            question.setWrapText(true);
            Button yes = new Button(Text.get("update.ask.yes"));
            yes.setId("updateYes");
            yes.setOnAction(e -> answer(true));
            Button no = new Button(Text.get("update.ask.no"));
            no.setId("updateNo");
            no.setOnAction(e -> answer(false));
            view.getChildren().addAll(question, spacer(), yes, no);
        } else if (state == State.NEWS) {
            Label text = new Label(Text.get("update.available", news.latest().version().toString(), current.toString()));
            text.setId("updateText");
            Hyperlink page = new Hyperlink(Text.get("update.download"));
            page.setId("updateLink");
            page.setOnAction(e -> openPage.accept(news.latest().page()));
            Button dismiss = new Button(Text.get("update.dismiss"));
            dismiss.setId("updateDismiss");
            dismiss.getStyleClass().add("flat");
            dismiss.setOnAction(e -> {
                state = State.HIDDEN;
                render();
            });
            view.getChildren().addAll(text, page, spacer(), dismiss);
        }
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** After the app closed its threads (quitting while the window still starts) there is nothing left to do. */
    private static void submit(Runnable work) {
        try {
            work.run();
        } catch (RejectedExecutionException closed) {
            LOG.fine("update check: the app is closing");
        }
    }

    private Void logged(Throwable t) {
        LOG.log(Level.WARNING, "update check failed", t);
        return null;
    }
}
