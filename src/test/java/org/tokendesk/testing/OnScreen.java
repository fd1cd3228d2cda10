package org.tokendesk.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Every piece of text the open windows show, or would show at a click: labels, cells, text fields
 * and their hints, rendered text, tooltips, menus and context menus, the content of tabs not selected,
 * list items a scroll away, window titles. Hidden nodes count too: they may show at any moment.
 * Call on the JavaFX thread.
 */
public final class OnScreen {
    /** One piece of text, where it is, and the node (or menu item, tooltip, window) that holds it. */
    public record Seen(String where, String text, Object holder) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private OnScreen() {
    }

    /** Everything in every showing window. */
    public static List<Seen> everything() {
        OnScreen screen = new OnScreen();
        for (Window window : List.copyOf(Window.getWindows())) {
            if (!window.isShowing()) {
                continue;
            }
            String name = window.getClass().getSimpleName();
            if (window instanceof Stage stage) {
                screen.add(name + " title", stage.getTitle(), stage);
            }
            if (window.getScene() != null) {
                screen.walk(window.getScene().getRoot(), name);
            }
        }
        return List.copyOf(screen.seen);
    }

    /** Everything but what {@code exempt} holds (a node, a menu item …) or what lies inside an exempt node. */
    public static List<Seen> everythingBut(Predicate<Object> exempt) {
        List<Seen> all = new ArrayList<>();
        for (Seen s : everything()) {
            if (!exempt.test(s.holder()) && !(s.holder() instanceof Node n && insideExempt(n, exempt))) {
                all.add(s);
            }
        }
        return all;
    }

    private static boolean insideExempt(Node node, Predicate<Object> exempt) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (exempt.test(n)) {
                return true;
            }
        }
        return false;
    }

    private void walk(Node node, String path) {
        if (node == null || !visited.add(node)) {
            return;
        }
        String here = path + " > " + describe(node);
        if (node instanceof Labeled labeled) {
            add(here, labeled.getText(), node);
            walk(labeled.getGraphic(), here);
        }
        if (node instanceof TextInputControl input) {
            add(here, input.getText(), node);
            add(here + " (prompt)", input.getPromptText(), node);
        }
        if (node instanceof Text text) {
            add(here, text.getText(), node);
        }
        if (node instanceof Control control) {
            tooltip(control.getTooltip(), here);
            contextMenu(control.getContextMenu(), here);
        }
        for (Object value : node.getProperties().values()) {
            if (value instanceof Tooltip tip) {
                tooltip(tip, here);
            }
        }
        if (node instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                add(here + " tab", tab.getText(), tab);
                tooltip(tab.getTooltip(), here + " tab");
                contextMenu(tab.getContextMenu(), here + " tab");
                walk(tab.getContent(), here + " tab " + tab.getText());
            }
        }
        if (node instanceof MenuBar bar) {
            bar.getMenus().forEach(menu -> menuItem(menu, here));
        }
        if (node instanceof MenuButton button) {
            button.getItems().forEach(item -> menuItem(item, here));
        }
        if (node instanceof ListView<?> list) {
            list.getItems().forEach(item -> add(here + " item", String.valueOf(item), node));
            walk(list.getPlaceholder(), here);
        }
        if (node instanceof ComboBox<?> combo) {
            comboItems(combo, here);
        }
        if (node instanceof TableView<?> table) {
            table.getColumns().forEach(column -> column(column, here));
            walk(table.getPlaceholder(), here);
        }
        if (node instanceof ScrollPane scroll) {
            walk(scroll.getContent(), here);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, here);
            }
        }
    }

    private <T> void comboItems(ComboBox<T> combo, String here) {
        for (T item : combo.getItems()) {
            add(here + " item", combo.getConverter() != null ? combo.getConverter().toString(item) : String.valueOf(item), combo);
        }
    }

    private void column(TableColumnBase<?, ?> column, String path) {
        add(path + " column", column.getText(), column);
        contextMenu(column.getContextMenu(), path + " column");
        column.getColumns().forEach(c -> column(c, path));
    }

    private void tooltip(Tooltip tip, String path) {
        if (tip != null && visited.add(tip)) {
            add(path + " (tooltip)", tip.getText(), tip);
            walk(tip.getGraphic(), path + " (tooltip)");
        }
    }

    private void contextMenu(ContextMenu menu, String path) {
        if (menu != null && visited.add(menu)) {
            menu.getItems().forEach(item -> menuItem(item, path + " (context menu)"));
        }
    }

    private void menuItem(MenuItem item, String path) {
        if (item == null || !visited.add(item)) {
            return;
        }
        String here = path + " > " + (item.getId() != null ? "#" + item.getId() : item.getClass().getSimpleName());
        add(here, item.getText(), item);
        if (item instanceof Menu menu) {
            menu.getItems().forEach(child -> menuItem(child, here));
        }
        if (item instanceof CustomMenuItem custom) {
            walk(custom.getContent(), here);
        }
    }

    private void add(String where, String text, Object holder) {
        if (text != null && !text.isEmpty()) {
            seen.add(new Seen(where, text, holder));
        }
    }

    private static String describe(Node node) {
        return node.getClass().getSimpleName() + (node.getId() != null ? "#" + node.getId() : "");
    }
}
