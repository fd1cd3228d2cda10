package org.tokendesk.ui.settings;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.store.SecretMove;
import org.tokendesk.store.SecretStorage;
import org.tokendesk.store.TokenStore;

/** Settings: where the tokens are kept (OS keyring or the owner-only file), and moving them. */
public final class SecretsSection {
    private final TokenStore store;
    private final Consumer<String> report;
    private final Label where = new Label();
    private final Button toKeyring = new Button(Text.get("store.move.toKeyring"));
    private final Button toFile = new Button(Text.get("store.move.toFile"));
    private final Label result = new Label();
    private final VBox view;
    private final Executor io;

    /** @param io where the keyring is asked (it may block) */
    public SecretsSection(TokenStore store, Consumer<String> report, Executor io) {
        this.store = store;
        this.io = io;
        this.report = report;
        where.setId("secretsWhere");
        where.setWrapText(true);
        where.setMaxWidth(560);
        result.setWrapText(true);
        result.setMaxWidth(560);
        toKeyring.setOnAction(e -> move(TokenStore.Place.KEYRING));
        toFile.setOnAction(e -> move(TokenStore.Place.FILE));
        Label title = new Label(Text.get("settings.secrets"));
        title.getStyleClass().add(Styles.TITLE_4);
        view = new VBox(6, title, where, new HBox(8, toKeyring, toFile), result);
        view.setPadding(new Insets(12, 0, 0, 0));
        where.setText("…");
        toKeyring.setDisable(true);
        toFile.setDisable(true);
        // storage() waits for a save in progress, which may be talking to the keyring.
        CompletableFuture.supplyAsync(store::storage, io).thenAccept(s -> Platform.runLater(() -> show(s)));
    }

    public Node view() {
        return view;
    }

    private void show(SecretStorage storage) {
        where.setText(Words.of(storage));
        boolean inKeyring = storage instanceof SecretStorage.InKeyring;
        toKeyring.setDisable(inKeyring);
        toFile.setDisable(!inKeyring);
    }

    /** The move talks to the keyring (D-Bus, maybe an unlock prompt): never on the JavaFX thread. */
    private void move(TokenStore.Place place) {
        toKeyring.setDisable(true);
        toFile.setDisable(true);
        CompletableFuture.supplyAsync(() -> {
            try {
                return Words.of(store.moveTo(place));
            } catch (IOException e) {
                return Text.get("ui.saveFailed", String.valueOf(e.getMessage()));
            }
        }, io).thenAccept(text -> Platform.runLater(() -> {
            result.setText(text);
            report.accept(text);
        })).thenCompose(done -> CompletableFuture.supplyAsync(store::storage, io))
                .thenAccept(s -> Platform.runLater(() -> show(s)));
    }
}
