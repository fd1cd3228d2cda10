package org.tokendesk.ui.settings;

import java.io.File;
import java.util.List;
import java.util.Optional;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;

import org.tokendesk.i18n.Text;
import org.tokendesk.registry.ListenScope;
import org.tokendesk.store.OwnRegistry;
import org.tokendesk.ui.Tone;

/**
 * Settings → "Registry on this computer": the switch, who may reach it (with a warning when others
 * can and no allow-list limits them), its port and the allow-list. Applied when Settings is saved.
 */
final class OwnRegistrySection {
    private final ToggleSwitch on = new ToggleSwitch(Text.get("settings.ownRegistry.on"));
    private final ComboBox<ListenScope> listen = new ComboBox<>();
    private final TextField port = new TextField();
    private final TextField allowList = new TextField();
    private final Button chooseAllowList = new Button(Text.get("settings.ownRegistry.allowList.choose"));
    private final Label warning = new Label(Text.get("settings.ownRegistry.warning"));
    private final VBox view;

    OwnRegistrySection(OwnRegistry current) {
        on.setId("settingsOwnRegistry");
        on.setSelected(current.on());
        listen.setId("settingsOwnRegistryListen");
        listen.getItems().setAll(List.of(ListenScope.values()));
        listen.setConverter(new StringConverter<>() {
            @Override
            public String toString(ListenScope scope) {
                return scope == null ? "" : Text.get("settings.ownRegistry.listen." + scope.saved());
            }

            @Override
            public ListenScope fromString(String s) {
                return null;
            }
        });
        listen.getSelectionModel().select(ListenScope.fromSaved(current.listen()));
        port.setId("settingsOwnRegistryPort");
        port.setPrefColumnCount(6);
        port.setMaxWidth(Region.USE_PREF_SIZE);
        port.setText(Integer.toString(current.port()));
        allowList.setId("settingsOwnRegistryAllowList");
        allowList.setPrefColumnCount(24);
        allowList.setPromptText(Text.get("settings.ownRegistry.allowList.prompt"));
        allowList.setText(current.allowList());
        chooseAllowList.setOnAction(e -> choose());
        warning.setId("settingsOwnRegistryWarning");
        warning.setWrapText(true);
        warning.setMaxWidth(560);
        Tone.WARN.apply(warning);
        listen.valueProperty().addListener((o, was, now) -> showWarning());
        allowList.textProperty().addListener((o, was, now) -> showWarning());
        showWarning();

        Label title = new Label(Text.get("settings.ownRegistry"));
        title.getStyleClass().add(Styles.TITLE_4);
        Label help = new Label(Text.get("settings.ownRegistry.help"));
        help.getStyleClass().add(Styles.TEXT_MUTED);
        help.setWrapText(true);
        help.setMaxWidth(560);
        GridPane fields = new GridPane();
        fields.setHgap(12);
        fields.setVgap(8);
        fields.addRow(0, label("settings.ownRegistry.listen", listen), listen);
        fields.addRow(1, label("settings.ownRegistry.port", port), port);
        HBox allow = new HBox(8, allowList, chooseAllowList);
        allow.setAlignment(Pos.CENTER_LEFT);
        fields.addRow(2, label("settings.ownRegistry.allowList", allowList), allow);
        view = new VBox(8, title, help, on, fields, warning);
        view.setPadding(new Insets(12, 0, 0, 0));
    }

    Node view() {
        return view;
    }

    private static Label label(String key, Node field) {
        Label l = new Label(Text.get(key));
        l.setLabelFor(field);
        return l;
    }

    /** Others can reach it and nothing limits who registers: say so before it runs. */
    private void showWarning() {
        boolean open = listen.getValue() != ListenScope.THIS_COMPUTER && allowList.getText().isBlank();
        warning.setVisible(open);
        warning.setManaged(open);
    }

    private void choose() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Text.get("settings.ownRegistry.allowList.choose"));
        File file = chooser.showOpenDialog(view.getScene() == null ? null : view.getScene().getWindow());
        if (file != null) {
            allowList.setText(file.getAbsolutePath());
        }
    }

    /** What is wrong with the fields, in the user's words; empty when they can be saved. */
    Optional<String> problem() {
        String typed = port.getText() == null ? "" : port.getText().strip();
        if (parsePort(typed).isEmpty()) {
            return Optional.of(Text.get("settings.ownRegistry.port.invalid", typed));
        }
        return Optional.empty();
    }

    /** The fields as settings; call after {@link #problem()} found nothing. */
    OwnRegistry value() {
        return new OwnRegistry(on.isSelected(), listen.getValue().saved(), parsePort(port.getText().strip()).orElse(OwnRegistry.DEFAULT_PORT),
                allowList.getText());
    }

    static Optional<Integer> parsePort(String text) {
        if (!text.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int value = Integer.parseInt(text);
        return value >= 1 && value <= 65535 ? Optional.of(value) : Optional.empty();
    }
}
