package org.tokendesk.ui.desktop;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.net.URL;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javafx.application.Platform;

import org.tokendesk.i18n.Text;

/**
 * The tray icon through AWT's SystemTray, the one tray API a JavaFX 21 app has. AWT work runs on
 * AWT's own thread; menu actions hop back to the JavaFX thread.
 */
public final class AwtTray implements Tray {
    private final TrayIcon icon;
    private final MenuItem count;

    private AwtTray(TrayIcon icon, MenuItem count) {
        this.icon = icon;
        this.count = count;
    }

    /**
     * Installs the icon, or completes empty where the desktop has no tray (many Linux desktops,
     * headless runs). Loading AWT costs a few hundred ms: call after the window is up.
     */
    public static CompletableFuture<Optional<Tray>> install(URL image, Runnable onShow, Runnable onQuit) {
        CompletableFuture<Optional<Tray>> done = new CompletableFuture<>();
        if (GraphicsEnvironment.isHeadless() || image == null) {
            done.complete(Optional.empty());
            return done;
        }
        EventQueue.invokeLater(() -> {
            try {
                if (!SystemTray.isSupported()) {
                    done.complete(Optional.empty());
                    return;
                }
                Image picture = Toolkit.getDefaultToolkit().getImage(image);
                PopupMenu menu = new PopupMenu();
                MenuItem count = new MenuItem(Text.get("tray.online", 0));
                count.setEnabled(false);
                MenuItem show = new MenuItem(Text.get("tray.show"));
                show.addActionListener(e -> Platform.runLater(onShow));
                MenuItem quit = new MenuItem(Text.get("tray.quit"));
                quit.addActionListener(e -> Platform.runLater(onQuit));
                menu.add(count);
                menu.addSeparator();
                menu.add(show);
                menu.add(quit);
                TrayIcon icon = new TrayIcon(picture, Text.get("app.name"), menu);
                icon.setImageAutoSize(true);
                icon.addActionListener(e -> Platform.runLater(onShow));
                SystemTray.getSystemTray().add(icon);
                done.complete(Optional.of(new AwtTray(icon, count)));
            } catch (AWTException | RuntimeException e) {
                done.complete(Optional.empty());
            }
        });
        return done;
    }

    @Override
    public void setOnline(int n) {
        EventQueue.invokeLater(() -> {
            count.setLabel(Text.get("tray.online", n));
            icon.setToolTip(Text.get("app.name") + " · " + Text.get("tray.online", n));
        });
    }

    @Override
    public void notify(String title, String text, Kind kind) {
        EventQueue.invokeLater(() -> icon.displayMessage(title, text,
                kind == Kind.WARNING ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO));
    }

    @Override
    public void remove() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
