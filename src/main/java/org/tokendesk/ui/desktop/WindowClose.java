package org.tokendesk.ui.desktop;

import java.util.Optional;
import java.util.function.IntSupplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import org.tokendesk.i18n.Text;

/**
 * What closing the window means. With no token kept online: quit. With some: stay in the tray and
 * keep them online (said once), or, where the desktop has no tray, ask whether to take them offline.
 */
public final class WindowClose {
    /** Remembers that the user was told the app lives on in the tray. */
    public interface Told {
        boolean already();

        void remember();
    }

    private final Stage stage;
    private final IntSupplier keptOnline;
    private final Told told;
    private final Runnable quit;
    private Tray tray;

    public WindowClose(Stage stage, IntSupplier keptOnline, Told told, Runnable quit) {
        this.stage = stage;
        this.keptOnline = keptOnline;
        this.told = told;
        this.quit = quit;
    }

    /** From now on closing hides to this tray instead of asking. */
    public void useTray(Tray newTray) {
        this.tray = newTray;
    }

    public Optional<Tray> tray() {
        return Optional.ofNullable(tray);
    }

    public void handle(WindowEvent event) {
        int kept = keptOnline.getAsInt();
        if (kept == 0) {
            quit.run();
            return;
        }
        event.consume();
        if (tray != null) {
            stage.hide();
            if (!told.already()) {
                tray.notify(Text.get("app.name"), Text.get("tray.stillOnline", kept), Tray.Kind.INFO);
                told.remember();
            }
            return;
        }
        ButtonType takeOffline = new ButtonType(Text.get("close.quit"), ButtonBar.ButtonData.OK_DONE);
        ButtonType minimize = new ButtonType(Text.get("close.minimize"), ButtonBar.ButtonData.OTHER);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, Text.get("close.question", kept), takeOffline, minimize, ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setTitle(Text.get("app.name"));
        ask.setHeaderText(Text.get("close.header", kept));
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.isPresent() && answer.get() == takeOffline) {
            quit.run();
        } else if (answer.isPresent() && answer.get() == minimize) {
            stage.setIconified(true);
        }
    }
}
