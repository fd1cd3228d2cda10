package org.tokendesk.ui.main;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
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
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.store.SavedFile;
import org.tokendesk.store.StoreLoad;
import org.tokendesk.token.PastedLine;
import org.tokendesk.token.TokenPaste;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.Tally;

/**
 * The main window's content: paste field, actions, registry, the token table and a status line.
 * Everything here runs on the JavaFX thread; the model does the network work elsewhere.
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
    private TokenListModel.Removal lastRemoval;
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
        table.setContextMenu(contextMenu());
        table.addEventHandler(KeyEvent.KEY_PRESSED, this::onTableKey);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onWindowKey);
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
        Button check = new Button(Text.get("ui.check"));
        check.setId("checkButton");
        check.setTooltip(new Tooltip(Text.get("ui.check.tooltip")));
        check.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        check.setOnAction(e -> model.check(List.copyOf(table.getSelectionModel().getSelectedItems())));

        Button checkAll = new Button(Text.get("ui.checkAll"));
        checkAll.setId("checkAllButton");
        checkAll.setTooltip(new Tooltip(Text.get("ui.checkAll.tooltip")));
        checkAll.disableProperty().bind(Bindings.isEmpty(model.rows()));
        checkAll.setOnAction(e -> model.checkAll());

        MenuButton copy = new MenuButton(Text.get("ui.copy"));
        copy.setId("copyButton");
        copy.getItems().addAll(copyItems());
        copy.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));

        Button remove = new Button(Text.get("ui.remove"));
        remove.setId("removeButton");
        remove.getStyleClass().add(Styles.DANGER);
        remove.setTooltip(new Tooltip(Text.get("ui.remove.tooltip")));
        remove.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        remove.setOnAction(e -> removeSelected());

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
        HBox bar = new HBox(8, check, checkAll, new Separator(Orientation.VERTICAL), copy, remove,
                spacer, registryLabel, registryField);
        bar.getStyleClass().add("action-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 8, 10));
        return bar;
    }

    private List<MenuItem> copyItems() {
        MenuItem token = new MenuItem(Text.get("ui.copy.token"));
        token.setId("copyToken");
        token.setOnAction(e -> copyTokens());
        MenuItem export = new MenuItem(Text.get("ui.copy.export"));
        export.setId("copyExport");
        export.setOnAction(e -> copyExportLines());
        MenuItem address = new MenuItem(Text.get("ui.copy.address"));
        address.setId("copyAddress");
        address.setOnAction(e -> copyAddresses());
        return List.of(token, export, address);
    }

    private ContextMenu contextMenu() {
        MenuItem check = new MenuItem(Text.get("ui.check"));
        check.setOnAction(e -> model.check(List.copyOf(table.getSelectionModel().getSelectedItems())));
        MenuItem remove = new MenuItem(Text.get("ui.remove"));
        remove.setOnAction(e -> removeSelected());
        ContextMenu menu = new ContextMenu(check);
        menu.getItems().addAll(copyItems());
        menu.getItems().add(remove);
        return menu;
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
        select(toSelect);
        return outcome.rejected().isEmpty() && (!outcome.added().isEmpty() || !outcome.duplicates().isEmpty());
    }

    private static long lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).count();
    }

    private void select(List<TokenRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        table.getSelectionModel().clearSelection();
        for (TokenRow r : rows) {
            table.getSelectionModel().select(r);
        }
        table.scrollTo(rows.get(0));
    }

    private void removeSelected() {
        List<TokenRow> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        lastRemoval = model.remove(selected);
        TokenListModel.Removal removal = lastRemoval;
        message.show(MessageBar.Kind.INFO, Text.get("ui.removed", selected.size()), Text.get("ui.undo"), () -> undo(removal));
    }

    private void undo(TokenListModel.Removal removal) {
        model.undo(removal);
        if (lastRemoval == removal) {
            lastRemoval = null;
        }
        select(removal.rows());
        message.show(MessageBar.Kind.SUCCESS, Text.get("ui.restored", removal.rows().size()));
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

    private void copyTokens() {
        copy(selectedLines(r -> r.token().reveal()), "ui.copied.token");
    }

    private void copyExportLines() {
        copy(selectedLines(r -> "export " + TokenPaste.TOKEN_VARIABLES.get(0) + "=" + r.token().reveal()), "ui.copied.export");
    }

    private void copyAddresses() {
        List<String> addresses = new ArrayList<>();
        for (TokenRow r : table.getSelectionModel().getSelectedItems()) {
            r.resolved().map(Lookup.Resolved::address).ifPresent(addresses::add);
        }
        if (addresses.isEmpty()) {
            message.show(MessageBar.Kind.WARNING, Text.get("ui.copied.noAddress"));
            return;
        }
        copy(String.join("\n", addresses), "ui.copied.address");
    }

    private String selectedLines(Function<TokenRow, String> line) {
        return table.getSelectionModel().getSelectedItems().stream().map(line).collect(Collectors.joining("\n"));
    }

    private void copy(String text, String doneKey) {
        if (text.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        message.show(MessageBar.Kind.SUCCESS, Text.get(doneKey, text.lines().count()));
    }

    private static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);

    private void onTableKey(KeyEvent e) {
        if (table.getEditingCell() != null) {
            return;
        }
        if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            removeSelected();
            e.consume();
        } else if (PASTE.match(e)) {
            String text = Clipboard.getSystemClipboard().getString();
            if (text != null) {
                addText(text);
            }
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER) {
            detail.view().requestFocus();
            e.consume();
        } else if (COPY.match(e)) {
            copyTokens();
            e.consume();
        }
    }

    private void onWindowKey(KeyEvent e) {
        if (e.getCode() == KeyCode.F5) {
            model.checkAll();
            e.consume();
        } else if (UNDO.match(e) && lastRemoval != null && !(e.getTarget() instanceof TextField)) {
            undo(lastRemoval);
            e.consume();
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
        select(added);
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
