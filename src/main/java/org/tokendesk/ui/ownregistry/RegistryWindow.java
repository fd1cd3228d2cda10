package org.tokendesk.ui.ownregistry;

import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.tokendesk.i18n.Text;

/** The registry view in a window of its own (File → Registry on this computer); one at a time. */
public final class RegistryWindow {
    private final RegistrySwitch registry;
    private final Window owner;
    private Stage stage;
    private RegistryView view;

    public RegistryWindow(Window owner, RegistrySwitch registry) {
        this.owner = owner;
        this.registry = registry;
    }

    /** Shows the window, or brings it to the front when it is open already. */
    public void show() {
        if (stage == null) {
            view = new RegistryView(registry);
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle(Text.get("ownRegistry.window.title"));
            Scene scene = new Scene(view.view(), 980, 520);
            if (owner != null && owner.getScene() != null) {
                scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            }
            stage.setScene(scene);
            stage.setOnHidden(e -> {
                view.dispose();
                view = null;
                stage = null;
            });
        }
        stage.show();
        stage.toFront();
    }

    public void close() {
        if (stage != null) {
            stage.close();
        }
    }
}
