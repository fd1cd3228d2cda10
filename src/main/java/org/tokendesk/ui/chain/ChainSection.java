package org.tokendesk.ui.chain;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import org.tokendesk.chain.Chain;
import org.tokendesk.discovery.Registry;
import org.tokendesk.doctor.Advice;
import org.tokendesk.i18n.DoctorWords;
import org.tokendesk.doctor.Examination;
import org.tokendesk.i18n.Text;
import org.tokendesk.token.Token;
import org.tokendesk.ui.model.DetailSection;
import org.tokendesk.ui.model.TokenRow;

/**
 * The "Chain" tab: the whole way from the selected token to a bot that starts, checked on request
 * (it sends the token to the service, as a bot would), and "Check my bot…": a folder's advice and
 * the chain of the token its .env holds. Work runs on the {@link ChainRunner}; results come back on
 * the JavaFX thread and are dropped when the selection moved on.
 */
public final class ChainSection implements DetailSection {
    private final Supplier<Registry> registry;
    private final Supplier<List<Token>> known;
    private final ChainRunner runner;
    private final Map<Token, Chain> lastChains = new HashMap<>();
    private final Button check = new Button(Text.get("chain.ui.check"));
    private final Button folder = new Button(Text.get("chain.ui.folder"));
    private final Label status = new Label();
    private final VBox advice = new VBox(4);
    private final ChainView chainView = new ChainView();
    private final ScrollPane view;
    private TokenRow row;
    private long generation;

    /** {@code known}: the tokens in the list, for the folder check's "differs from TokenDesk's" rule. */
    public ChainSection(Supplier<Registry> registry, Supplier<List<Token>> known, ChainRunner runner, Selection selected) {
        this.registry = registry;
        this.known = known;
        this.runner = runner;
        check.setId("chainCheck");
        check.getStyleClass().add(Styles.ACCENT);
        check.setOnAction(e -> checkRow());
        folder.setId("chainFolder");
        folder.setOnAction(e -> pickFolder());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setId("chainStatus");
        advice.setId("chainAdvice");
        Label help = new Label(Text.get("chain.ui.help"));
        help.setWrapText(true);
        help.getStyleClass().add(Styles.TEXT_MUTED);
        VBox content = new VBox(10, help, new HBox(8, check, folder, status), advice, chainView.node());
        content.setPadding(new Insets(10, 12, 10, 12));
        view = new ScrollPane(content);
        view.setFitToWidth(true);
        // Bound once to the selection, and only while the pane is in a window (DetailSection.Selection).
        selected.row().when(selected.live()).addListener((o, was, now) -> show(now));
        show(selected.current());
    }

    @Override
    public String title() {
        return Text.get("chain.ui.tab");
    }

    @Override
    public Node view() {
        return view;
    }

    private void show(TokenRow newRow) {
        row = newRow;
        generation++;
        advice.getChildren().clear();
        status.setText("");
        check.setDisable(row == null);
        Chain last = row == null ? null : lastChains.get(row.token());
        if (last != null) {
            chainView.show(last);
        } else {
            chainView.clear();
        }
    }

    private void checkRow() {
        if (row == null) {
            return;
        }
        Token token = row.token();
        long asked = ++generation;
        advice.getChildren().clear();
        status.setText(Text.get("chain.ui.checking"));
        check.setDisable(true);
        runner.run(registry.get(), token).whenComplete((chain, failure) -> Platform.runLater(() -> {
            lastChains.put(token, chain);
            if (asked == generation) {
                done(chain, failure);
            }
        }));
    }

    private void pickFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Text.get("chain.ui.folder.title"));
        File picked = chooser.showDialog(view.getScene() == null ? null : view.getScene().getWindow());
        if (picked != null) {
            checkFolder(picked.toPath());
        }
    }

    /** The folder's advice at once, then the chain of its .env's token (with its variables) when it has one. */
    void checkFolder(Path dir) {
        long asked = ++generation;
        status.setText(Text.get("chain.ui.reading", dir.getFileName()));
        chainView.clear();
        runner.examine(dir, known.get()).whenComplete((exam, failure) -> Platform.runLater(() -> {
            if (asked != generation) {
                return;
            }
            if (failure != null) {
                status.setText(Text.get("chain.ui.failed", failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage()));
                return;
            }
            showAdvice(exam);
            if (exam.token().isEmpty()) {
                status.setText(Text.get("chain.ui.folderDone"));
                return;
            }
            status.setText(Text.get("chain.ui.checking"));
            Registry at = Registry.tryParse(exam.env().getOrDefault(Registry.AUTHORITY_VARIABLE, "")).orElseGet(registry);
            runner.run(at, exam.token().get()).whenComplete((chain, f) -> Platform.runLater(() -> {
                if (asked == generation) {
                    done(chain, f);
                }
            }));
        }));
    }

    private void showAdvice(Examination exam) {
        advice.getChildren().clear();
        Label title = new Label(Text.get("chain.ui.folderTitle", exam.dir().getFileName()));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        advice.getChildren().add(title);
        if (exam.advice().isEmpty()) {
            advice.getChildren().add(new Label(Text.get("cli.doctor.nothingFound")));
        }
        for (Advice a : exam.advice()) {
            Label line = new Label("[" + DoctorWords.severity(a) + "] " + DoctorWords.of(a));
            line.setWrapText(true);
            line.getStyleClass().add(a.severity() == Advice.Severity.PROBLEM ? Styles.DANGER : Styles.TEXT_MUTED);
            advice.getChildren().add(line);
        }
    }

    private void done(Chain chain, Throwable failure) {
        check.setDisable(row == null);
        if (failure != null) {
            status.setText(Text.get("chain.ui.failed", failure.getClass().getSimpleName()));
            return;
        }
        status.setText(Text.get("chain.ui.checked", chain.maskedToken(), chain.registry().displayName()));
        chainView.show(chain);
    }
}
