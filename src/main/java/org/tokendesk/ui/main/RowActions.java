package org.tokendesk.ui.main;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import atlantafx.base.theme.Styles;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.i18n.Text;
import org.tokendesk.token.TokenPaste;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * What the main window lets the user do to the selected rows (check, copy, remove and undo) as
 * toolbar buttons, the row menu and keys. {@link MainWindow} lays them out; this builds them and
 * runs them.
 */
final class RowActions {
    private static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);

    private final TokenListModel model;
    private final TableView<TokenRow> table;
    private final MessageBar message;
    private final Node detail;
    private final Consumer<String> addText;
    private TokenListModel.Removal lastRemoval;

    /**
     * @param detail  where Enter on the table moves the focus
     * @param addText adds pasted text (the table takes Ctrl+V as the paste field does)
     */
    RowActions(TokenListModel model, TableView<TokenRow> table, MessageBar message, Node detail, Consumer<String> addText) {
        this.model = model;
        this.table = table;
        this.message = message;
        this.detail = detail;
        this.addText = addText;
    }

    /** The toolbar's row actions, in order: Check, Check all, a separator, Copy, Remove. */
    List<Node> toolbarButtons() {
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
        return List.of(check, checkAll, new Separator(Orientation.VERTICAL), copy, remove);
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

    ContextMenu contextMenu() {
        MenuItem check = new MenuItem(Text.get("ui.check"));
        check.setOnAction(e -> model.check(List.copyOf(table.getSelectionModel().getSelectedItems())));
        MenuItem remove = new MenuItem(Text.get("ui.remove"));
        remove.setOnAction(e -> removeSelected());
        ContextMenu menu = new ContextMenu(check);
        menu.getItems().addAll(copyItems());
        menu.getItems().add(remove);
        return menu;
    }

    void select(List<TokenRow> rows) {
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

    void onTableKey(KeyEvent e) {
        if (table.getEditingCell() != null) {
            return;
        }
        if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            removeSelected();
            e.consume();
        } else if (PASTE.match(e)) {
            String text = Clipboard.getSystemClipboard().getString();
            if (text != null) {
                addText.accept(text);
            }
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER) {
            detail.requestFocus();
            e.consume();
        } else if (COPY.match(e)) {
            copyTokens();
            e.consume();
        }
    }

    void onWindowKey(KeyEvent e) {
        if (e.getCode() == KeyCode.F5) {
            model.checkAll();
            e.consume();
        } else if (UNDO.match(e) && lastRemoval != null && !(e.getTarget() instanceof TextField)) {
            undo(lastRemoval);
            e.consume();
        }
    }
}
