package org.tokendesk.ui.settings;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

import atlantafx.base.theme.Styles;

import org.tokendesk.i18n.RegistryCaWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.CaFile;
import org.tokendesk.net.Workers;
import org.tokendesk.regca.RegistryCas;

/**
 * The CA file a registry's lookups trust besides the system's: a small "CA…" button (a file chooser),
 * the file's name on it once chosen, and Clear. A chosen file is read off the JavaFX thread; one that
 * is missing, unreadable or holds no certificate is refused with why, and the earlier choice stays.
 */
final class CaChoice {
    /** One file read at a time is plenty for a person picking files. */
    private static final Executor CHECKS = Workers.bounded("settings-ca", 1);

    private final HBox root = new HBox(4);
    private final Button choose = new Button();
    private final Button clear = new Button(Text.get("settings.ca.clear"));
    private final Supplier<String> registryName;
    private final Consumer<String> say;
    private Optional<String> path;
    private boolean checking;
    /** Why the last pick was refused: the settings are not saved until another pick or Clear. */
    private Optional<String> refusal = Optional.empty();
    /** Only the answer to the latest pick counts. */
    private int picks;

    /**
     * @param registryName the registry's name as shown, for the chooser's title and messages
     * @param say          shows a problem (or clears it with "")
     */
    CaChoice(String id, Optional<String> initial, Supplier<String> registryName, Consumer<String> say) {
        this.path = initial;
        this.registryName = registryName;
        this.say = say;
        choose.setId(id);
        // Tests reach the choice through its button: a file chooser cannot be driven headless.
        choose.setUserData(this);
        choose.getStyleClass().addAll(Styles.SMALL, "ca-choose");
        choose.setOnAction(e -> pick());
        clear.setId(id + "Clear");
        clear.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, "ca-clear");
        clear.setTooltip(new Tooltip(Text.get("settings.ca.clear.tooltip")));
        clear.setOnAction(e -> clear());
        root.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(choose, clear);
        show();
    }

    Node view() {
        return root;
    }

    /** The file chosen, as it will be saved. */
    Optional<String> path() {
        return path;
    }

    /** Why the settings cannot be saved yet: a file still being read, or a file refused. */
    Optional<String> pending() {
        return checking ? Optional.of(Text.get("settings.ca.checking")) : refusal;
    }

    private void pick() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Text.get("settings.ca.chooser.title", registryName.get()));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Text.get("settings.ca.chooser.filter"), "*.pem", "*.crt", "*.cer"),
                new FileChooser.ExtensionFilter("*", "*"));
        path.map(p -> Path.of(p).getParent()).map(Path::toFile).filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            choose(file.toPath());
        }
    }

    /** Reads {@code file} in the background; the choice changes only if it holds a certificate. */
    void choose(Path file) {
        String chosen = file.toAbsolutePath().toString();
        int mine = ++picks;
        checking = true;
        choose.setDisable(true);
        say.accept(Text.get("settings.ca.checking"));
        CompletableFuture.supplyAsync(() -> RegistryCas.read(chosen), CHECKS)
                .exceptionally(e -> new CaFile.Read.Failed(CaFile.Problem.UNREADABLE, e.getClass().getSimpleName()))
                .thenAccept(read -> Platform.runLater(() -> {
                    if (mine != picks) {
                        return;
                    }
                    checking = false;
                    choose.setDisable(false);
                    if (read instanceof CaFile.Read.Failed failed) {
                        refusal = Optional.of(Text.get("settings.ca.invalid", registryName.get(), RegistryCaWords.of(failed.problem(), chosen)));
                        say.accept(refusal.get());
                        choose.pseudoClassStateChanged(Styles.STATE_DANGER, true);
                        return;
                    }
                    refusal = Optional.empty();
                    path = Optional.of(chosen);
                    say.accept("");
                    show();
                }));
    }

    void clear() {
        picks++;
        refusal = Optional.empty();
        checking = false;
        choose.setDisable(false);
        path = Optional.empty();
        say.accept("");
        show();
    }

    private void show() {
        choose.pseudoClassStateChanged(Styles.STATE_DANGER, false);
        choose.setText(path.map(p -> Text.get("settings.ca.chosen", fileName(p))).orElse(Text.get("settings.ca.choose")));
        choose.setTooltip(new Tooltip(path.orElse(Text.get("settings.ca.choose.tooltip"))));
        clear.setVisible(path.isPresent());
        clear.setManaged(path.isPresent());
    }

    private static String fileName(String path) {
        Path name = Path.of(path).getFileName();
        return name == null ? path : name.toString();
    }
}
