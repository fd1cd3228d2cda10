package org.tokendesk.ui.app;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import org.tokendesk.i18n.Text;

/** The window's menu bar: File and Help. Each item runs what the app wired to it. */
final class AppMenu {
    /** What the items do. */
    record Actions(Runnable newToken, Runnable importTokens, Runnable importKeepOnline, Runnable exportTokens, Runnable settings,
                   Runnable ownRegistry, Runnable quit, Runnable openLogs, Runnable about) {
    }

    private AppMenu() {
    }

    static MenuBar build(Actions actions) {
        Menu file = new Menu(Text.get("menu.file"), null,
                item("menuNewToken", "menu.file.newToken", KeyCode.N, actions.newToken()),
                new SeparatorMenuItem(),
                item("menuImport", "menu.file.import", null, actions.importTokens()),
                item("menuImportKeepOnline", "menu.file.importKeepOnline", null, actions.importKeepOnline()),
                item("menuExport", "menu.file.export", null, actions.exportTokens()),
                new SeparatorMenuItem(),
                item("menuSettings", "menu.file.settings", KeyCode.COMMA, actions.settings()),
                item("menuOwnRegistry", "menu.file.ownRegistry", null, actions.ownRegistry()),
                new SeparatorMenuItem(),
                item("menuQuit", "menu.file.quit", KeyCode.Q, actions.quit()));
        Menu help = new Menu(Text.get("menu.help"), null,
                item("menuLogs", "menu.help.logs", null, actions.openLogs()),
                item("menuAbout", "menu.help.about", null, actions.about()));
        MenuBar bar = new MenuBar(file, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String id, String key, KeyCode shortcut, Runnable action) {
        MenuItem item = new MenuItem(Text.get(key));
        item.setId(id);
        if (shortcut != null) {
            item.setAccelerator(new KeyCodeCombination(shortcut, KeyCombination.SHORTCUT_DOWN));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
