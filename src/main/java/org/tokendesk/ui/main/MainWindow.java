package org.tokendesk.ui.main;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.store.SavedFile;
import org.tokendesk.store.StoreLoad;
import org.tokendesk.token.PastedLine;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.Tally;

/**
 * The main window's content: paste field, actions, registry, the token table and a status line.
 * Everything here runs on the JavaFX thread; the model does the network work elsewhere. This
 * class lays the window out and reports in its message line; what can be done to the selected
 * rows (buttons, row menu, keys) is {@link RowActions}.
 */
public final class MainWindow {
    private final TokenListModel model;
    private final Consumer<Registry> onRegistryChosen;
    private final BorderPane root = new BorderPane();
    private final VBox top = new VBox();
    private final TextField pasteField = new PasteField();
    private final TextField registryField = new TextField();
    private final MessageBar message = new MessageBar();
    private final Label status = new Label();
    private final Hyperlink ownRegistry = new Hyperlink();
    private final TableView<TokenRow> table;
    private final DetailPane detail = new DetailPane();
    private final RowActions actions;
    private boolean statusPending;
    private final ListChangeListener<TokenRow> onRows = c -> statusLater();
    private final ChangeListener<Tally.Counts> onTally = (o, was, now) -> statusLater();

    public MainWindow(TokenListModel model, Consumer<Registry> onRegistryChosen) {
        this(model, onRegistryChosen, TokenTable.REVEAL_TIME);
    }

    /** @param revealTime how long a revealed token stays whole (tests use a short one) */
    MainWindow(TokenListModel model, Consumer<Registry> onRegistryChosen, Duration revealTime) {
        this.model = model;
        this.onRegistryChosen = onRegistryChosen;
        this.table = TokenTable.create(model, revealTime);
        this.actions = new RowActions(model, table, message, detail.view(), this::addText);
        root.getStyleClass().add("main-window");
        root.setTop(top);
        top.getChildren().addAll(pasteBar(), actionBar(), message);
        SplitPane split = new SplitPane(table, detail.view());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        SplitPane.setResizableWithParent(detail.view(), false);
        root.setCenter(split);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> detail.show(now));
        root.setBottom(statusBar());
        table.setContextMenu(actions.contextMenu());
        table.addEventHandler(KeyEvent.KEY_PRESSED, actions::onTableKey);
        root.addEventFilter(KeyEvent.KEY_PRESSED, actions::onWindowKey);
        // Weak: the model outlives this window when a language change builds a new one.
        model.rows().addListener(new WeakListChangeListener<>(onRows));
        model.tally().countsProperty().addListener(new WeakChangeListener<>(onTally));
        updateStatus();
    }

    public Parent view() {
        return root;
    }

    public TableView<TokenRow> table() {
        return table;
    }

    public DetailPane detail() {
        return detail;
    }

    public void setMenuBar(MenuBar menu) {
        top.getChildren().add(0, menu);
    }

    /** A banner of another feature (the update check) above the message line. */
    public void showBanner(Node banner) {
        top.getChildren().add(top.getChildren().indexOf(message), banner);
    }

    /** Shows the registry chosen elsewhere (the settings window). */
    public void showRegistry() {
        registryField.setText(model.registry().displayName());
        updateStatus();
    }

    private HBox pasteBar() {
        pasteField.setId("pasteField");
        pasteField.setPromptText(Text.get("ui.paste.prompt"));
        pasteField.setOnAction(e -> addFromField());
        HBox.setHgrow(pasteField, Priority.ALWAYS);
        Button add = new Button(Text.get("ui.add"));
        add.setId("addButton");
        add.setDefaultButton(false);
        add.setOnAction(e -> addFromField());
        add.setTooltip(new Tooltip(Text.get("ui.add.tooltip")));
        HBox bar = new HBox(8, pasteField, add);
        bar.getStyleClass().add("paste-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 10, 4, 10));
        return bar;
    }

    private HBox actionBar() {
        registryField.setId("registryField");
        registryField.setText(model.registry().displayName());
        registryField.setPrefColumnCount(22);
        registryField.setTooltip(new Tooltip(Text.get("ui.registry.tooltip")));
        registryField.setOnAction(e -> applyRegistry());
        registryField.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                applyRegistry();
            }
        });
        Label registryLabel = new Label(Text.get("ui.registry"));
        registryLabel.setLabelFor(registryField);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8);
        bar.getChildren().addAll(actions.toolbarButtons());
        bar.getChildren().addAll(spacer, registryLabel, registryField);
        bar.getStyleClass().add("action-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 8, 10));
        return bar;
    }

    /**
     * The registry on this computer, at the status bar's right end: whether it runs and how many
     * tokens are online; clicking it opens its window.
     */
    public void showOwnRegistry(ObservableValue<String> text, Runnable open) {
        ownRegistry.textProperty().bind(text);
        ownRegistry.setOnAction(e -> open.run());
        ownRegistry.setVisible(true);
        ownRegistry.setManaged(true);
    }

    private HBox statusBar() {
        status.setId("status");
        ownRegistry.setId("ownRegistryStatusBar");
        ownRegistry.setVisible(false);
        ownRegistry.setManaged(false);
        ownRegistry.setFocusTraversable(false);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(status, gap, ownRegistry);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 10, 4, 10));
        return bar;
    }

    /** Adds what the paste field holds; refused lines stay in view with the reason. */
    void addFromField() {
        String text = pasteField.getText();
        if (text == null || text.isBlank()) {
            message.show(MessageBar.Kind.ERROR, Words.of(new TokenProblem(TokenProblem.Kind.EMPTY, "")));
            return;
        }
        if (addText(text)) {
            pasteField.clear();
        }
    }

    /** Adds every token in {@code text}; true when none of it was refused. */
    boolean addText(String text) {
        TokenListModel.AddOutcome outcome = model.add(text);
        List<String> parts = new ArrayList<>();
        if (!outcome.added().isEmpty()) {
            parts.add(Text.get("ui.added", outcome.added().size()));
        }
        for (TokenRow dup : outcome.duplicates()) {
            parts.add(Text.get("ui.duplicate", dup.token().masked(), dup.label()));
        }
        for (PastedLine.Rejected r : outcome.rejected()) {
            parts.add(lines(text) > 1 ? Text.get("ui.rejected.line", r.line(), Words.of(r.problem())) : Words.of(r.problem()));
        }
        if (!outcome.skipped().isEmpty() && outcome.added().isEmpty() && outcome.duplicates().isEmpty() && outcome.rejected().isEmpty()) {
            parts.add(Text.get("ui.skipped.only", outcome.skipped().stream().map(s -> s.problem().detail()).collect(Collectors.joining(", "))));
        }
        MessageBar.Kind kind = !outcome.rejected().isEmpty() || parts.isEmpty() ? MessageBar.Kind.ERROR
                : !outcome.duplicates().isEmpty() ? MessageBar.Kind.WARNING : MessageBar.Kind.SUCCESS;
        message.show(kind, String.join("  ", parts));
        List<TokenRow> toSelect = new ArrayList<>(outcome.added());
        toSelect.addAll(outcome.duplicates());
        actions.select(toSelect);
        return outcome.rejected().isEmpty() && (!outcome.added().isEmpty() || !outcome.duplicates().isEmpty());
    }

    private static long lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).count();
    }

    private void applyRegistry() {
        RegistryParse parsed = Registry.parse(registryField.getText());
        if (parsed instanceof RegistryParse.Invalid invalid) {
            registryField.pseudoClassStateChanged(Styles.STATE_DANGER, true);
            message.show(MessageBar.Kind.ERROR, Words.of(invalid));
            return;
        }
        registryField.pseudoClassStateChanged(Styles.STATE_DANGER, false);
        Registry chosen = ((RegistryParse.Valid) parsed).registry();
        registryField.setText(chosen.displayName());
        if (!chosen.equals(model.registry())) {
            model.setRegistry(chosen);
            onRegistryChosen.accept(chosen);
            message.show(MessageBar.Kind.INFO, Text.get("ui.registry.changed", chosen.displayName()));
            updateStatus();
        }
    }

    /** 10,000 answers arriving in one batch change the counts 20,000 times: the line is written once after. */
    private void statusLater() {
        if (!statusPending) {
            statusPending = true;
            Platform.runLater(() -> {
                statusPending = false;
                updateStatus();
            });
        }
    }

    private void updateStatus() {
        List<String> parts = new ArrayList<>();
        parts.add(Text.get("ui.status.tokens", model.rows().size()));
        for (Tally.Bucket bucket : Tally.Bucket.values()) {
            int n = model.tally().count(bucket);
            if (n > 0 && bucket != Tally.Bucket.NOT_CHECKED) {
                parts.add(Text.get("ui.status." + bucket.name(), n));
            }
        }
        parts.add(Text.get("ui.status.registry", model.registry().displayName()));
        status.setText(String.join(" · ", parts));
    }

    /** Tells the user what start-up found in the token file when it was not simply read. */
    public void reportLoad(StoreLoad load) {
        if (load instanceof StoreLoad.SetAside aside) {
            message.show(MessageBar.Kind.ERROR, Text.get("ui.load.setAside", aside.reason(), aside.movedTo().toString()));
        } else if (load instanceof StoreLoad.KeyringUnavailable k) {
            message.show(MessageBar.Kind.WARNING, Text.get("store.load.keyringUnavailable", k.waiting(), k.why()));
        } else if (load instanceof StoreLoad.Partial partial) {
            message.show(MessageBar.Kind.WARNING, Text.get("ui.load.partial", partial.unreadable(), partial.copy().toString()));
        }
    }

    /** Says what an import or "New token" added, and selects it. */
    public void announce(List<TokenRow> added, String text, boolean problem) {
        actions.select(added);
        message.show(problem ? MessageBar.Kind.WARNING : MessageBar.Kind.SUCCESS, text);
    }

    public void reportInfo(String text) {
        message.show(MessageBar.Kind.INFO, text);
    }

    public void reportProblem(String problem) {
        message.show(MessageBar.Kind.ERROR, problem);
    }

    public void reportSaveFailure(SavedFile file, IOException e) {
        message.show(MessageBar.Kind.ERROR, Words.saveFailed(file, String.valueOf(e.getMessage())));
    }

    String messageText() {
        return message.text();
    }

    /** A feature's action: the button goes after "Check all", the menu items after "Check" in the row menu. */
    public void addCheckActions(Node button, List<MenuItem> rowMenuItems) {
        HBox bar = (HBox) root.lookup(".action-bar");
        bar.getChildren().add(bar.getChildren().indexOf(bar.lookup("#checkAllButton")) + 1, button);
        table.getContextMenu().getItems().addAll(1, rowMenuItems);
    }

    /** Says in the message line that something worked (e.g. a copy from another feature's menu item). */
    public void tell(String text) {
        message.show(MessageBar.Kind.SUCCESS, text);
    }

    /**
     * A text field that takes multi-line pastes whole: JavaFX's own paste drops line breaks, which
     * would glue several tokens into one.
     */
    private final class PasteField extends TextField {
        @Override
        public void paste() {
            String clip = Clipboard.getSystemClipboard().getString();
            if (clip != null && clip.strip().contains("\n")) {
                addText(clip);
                return;
            }
            super.paste();
        }
    }
}
