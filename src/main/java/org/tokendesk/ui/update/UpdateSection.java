package org.tokendesk.ui.update;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.tokendesk.i18n.Text;
import org.tokendesk.update.UpdateService;

/** Settings: the update check's switch, applied at once (it is not one of the settings Save writes). */
public final class UpdateSection {
    private final VBox view;

    public UpdateSection(UpdateService service, UpdateBanner banner, Executor io) {
        CheckBox daily = new CheckBox(Text.get("update.settings.daily"));
        daily.setId("updateDaily");
        daily.setDisable(true);
        Label note = new Label(Text.get(service.policy().allowed() ? "update.settings.note" : "update.settings.distro"));
        note.setWrapText(true);
        note.setMaxWidth(560);
        note.getStyleClass().add("text-muted");
        Label title = new Label(Text.get("update.settings.title"));
        title.getStyleClass().add("title-4");
        view = new VBox(6, title, daily, note);
        view.setPadding(new Insets(12, 0, 0, 0));
        if (service.policy().allowed()) {
            CompletableFuture.supplyAsync(() -> service.preferences().enabled(), io).thenAccept(on -> Platform.runLater(() -> {
                daily.setSelected(on);
                daily.setDisable(false);
                daily.selectedProperty().addListener((o, was, now) -> banner.setEnabled(now));
            }));
        }
    }

    public Node view() {
        return view;
    }
}
