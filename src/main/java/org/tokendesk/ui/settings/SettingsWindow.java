package org.tokendesk.ui.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import atlantafx.base.theme.Styles;

import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.store.Settings;

/** The settings window: registry, default port, check concurrency, language, theme, tray, scheduled checks, the registry on this computer. */
public final class SettingsWindow {
    private final Stage stage = new Stage();
    private final TextField registry = new TextField();
    private final Spinner<Integer> port = new Spinner<>(1, 65535, 8788);
    private final Spinner<Integer> concurrency = new Spinner<>(1, 64, 16);
    private final ComboBox<String> language = new ComboBox<>();
    private final ComboBox<String> theme = new ComboBox<>();
    private final CheckBox startMinimized = new CheckBox(Text.get("settings.startMinimized"));
    private final ComboBox<Integer> checkEvery = new ComboBox<>();
    private final CheckBox checkKeptOnline = new CheckBox(Text.get("settings.schedule.keptOnline"));
    private final ComboBox<Integer> alertAfter = new ComboBox<>();
    private final Label problem = new Label();
    private final GridPane form = new GridPane();
    private final ScrollPane scroll = new ScrollPane();
    private final Settings original;
    private final Consumer<Settings> onSave;
    private final RegistriesSection registries;
    private final OwnRegistrySection ownRegistry;
    private final CaChoice registryCa;

    public SettingsWindow(Window owner, Settings current, Consumer<Settings> onSave) {
        this.original = current;
        this.onSave = onSave;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(Text.get("settings.title"));

        registry.setId("settingsRegistry");
        registry.setText(current.registryOrDefault().displayName());
        registry.setPrefColumnCount(28);
        registry.setTooltip(new Tooltip(Text.get("ui.registry.tooltip")));
        port.setId("settingsPort");
        port.setEditable(true);
        port.getValueFactory().setValue(current.defaultPort());
        concurrency.setId("settingsConcurrency");
        concurrency.setEditable(true);
        concurrency.getValueFactory().setValue(current.concurrency());
        choices(language, List.of("system", "en", "zh_CN"), "settings.language.", current.language());
        language.setId("settingsLanguage");
        choices(theme, List.of("system", "light", "dark"), "settings.theme.", current.theme());
        theme.setId("settingsTheme");
        startMinimized.setId("settingsStartMinimized");
        startMinimized.setSelected(current.startMinimized());
        minutes(checkEvery, Settings.CHECK_CHOICES, "settings.schedule.off", "settings.schedule.minutes", current.checkEveryMinutes());
        checkEvery.setId("settingsCheckEvery");
        checkKeptOnline.setId("settingsCheckKeptOnline");
        checkKeptOnline.setSelected(current.checkKeptOnline());
        minutes(alertAfter, Settings.ALERT_CHOICES, "settings.alert.off", "settings.alert.minutes", current.alertAfterMinutes());
        alertAfter.setId("settingsAlertAfter");
        problem.setId("settingsProblem");
        problem.getStyleClass().add("settings-problem");
        problem.setWrapText(true);

        form.setHgap(12);
        form.setVgap(10);
        form.setPadding(new Insets(16));
        registryCa = new CaChoice("settingsRegistryCa", current.caFileFor(current.registryOrDefault()), () -> registry.getText().strip(),
                problem::setText);
        HBox registryRow = new HBox(8, registry, registryCa.view());
        registryRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(registry, Priority.ALWAYS);
        // The label names the field itself, not the row holding it and its CA button.
        row(0, "settings.registry", registryRow, "settings.registry.help").setLabelFor(registry);
        row(1, "settings.port", port, "settings.port.help");
        row(2, "settings.concurrency", concurrency, "settings.concurrency.help");
        row(3, "settings.language", language, null);
        row(4, "settings.theme", theme, null);
        form.add(startMinimized, 1, 5);
        // One row for the schedule, its kept-online switch beside it: the window must still fit a 768-pixel screen.
        row(6, "settings.schedule", checkEvery, null);
        checkEvery.setTooltip(new Tooltip(Text.get("settings.schedule.help")));
        checkKeptOnline.setTooltip(new Tooltip(Text.get("settings.schedule.help")));
        form.add(checkKeptOnline, 2, 6);
        row(7, "settings.alert", alertAfter, "settings.alert.help");
        registries = new RegistriesSection(RegistryList.fromSettings(current), current::caFileFor, problem::setText);
        addSection(registries.view());
        ownRegistry = new OwnRegistrySection(current.ownRegistry());
        addSection(ownRegistry.view());

        Button save = new Button(Text.get("settings.save"));
        save.setId("settingsSave");
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        Button cancel = new Button(Text.get("settings.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        ButtonBar buttons = new ButtonBar();
        ButtonBar.setButtonData(save, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        buttons.getButtons().addAll(save, cancel);
        buttons.setPadding(new Insets(0, 16, 16, 16));

        // The sections outgrow a 768-pixel laptop screen: the form scrolls, the problem line and the
        // buttons stay in view (show() sizes it to the screen).
        scroll.setContent(form);
        scroll.setId("settingsScroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        BorderPane root = new BorderPane(scroll, null, null, new VBox(8, problem, buttons), null);
        BorderPane.setMargin(problem, new Insets(0, 16, 0, 16));
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    /** Adds a section below the standard fields (e.g. the list of registries, where tokens are kept). */
    public void addSection(Node section) {
        form.add(section, 0, form.getRowCount(), 3, 1);
    }

    public void show() {
        // Sized once every section is in: all of it where the screen has room, else what fits beside the buttons.
        Parent root = stage.getScene().getRoot();
        root.applyCss();
        double room = Screen.getPrimary().getVisualBounds().getHeight() - 140;
        scroll.setPrefViewportHeight(Math.max(200, Math.min(form.prefHeight(-1), room)));
        stage.sizeToScene();
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    private Label row(int index, String labelKey, Node field, String helpKey) {
        Label label = new Label(Text.get(labelKey));
        label.setLabelFor(field);
        form.add(label, 0, index);
        form.add(field, 1, index);
        if (helpKey != null) {
            Label help = new Label(Text.get(helpKey));
            help.getStyleClass().add(Styles.TEXT_MUTED);
            help.setWrapText(true);
            // Wide enough for WECHATY_PUPPET_SERVICE_AUTHORITY on one line: a variable name must not break.
            help.setMaxWidth(320);
            form.add(help, 2, index);
        }
        return label;
    }

    private static void choices(ComboBox<String> box, List<String> values, String keyPrefix, String selected) {
        box.getItems().setAll(values);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : Text.get(keyPrefix + value);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        box.getSelectionModel().select(values.contains(selected) ? selected : values.get(0));
    }

    /** Minute choices, 0 shown as off; a hand-edited value outside the choices stays selectable as it is. */
    private static void minutes(ComboBox<Integer> box, List<Integer> choices, String offKey, String minutesKey, int selected) {
        List<Integer> values = new ArrayList<>(choices);
        if (!values.contains(selected)) {
            values.add(selected);
            values.sort(null);
        }
        box.getItems().setAll(values);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value == 0 ? Text.get(offKey) : Text.get(minutesKey, value);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        box.getSelectionModel().select(Integer.valueOf(selected));
    }

    /** Validates everything first: one bad field saves nothing. */
    void save() {
        RegistryParse parsed = Registry.parse(registry.getText());
        if (parsed instanceof RegistryParse.Invalid invalid) {
            problem.setText(Words.of(invalid));
            registry.requestFocus();
            return;
        }
        Optional<Integer> portValue = number(port, 1, 65535);
        if (portValue.isEmpty()) {
            problem.setText(Text.get("settings.port.invalid"));
            return;
        }
        Optional<Integer> concurrencyValue = number(concurrency, 1, 64);
        if (concurrencyValue.isEmpty()) {
            problem.setText(Text.get("settings.concurrency.invalid"));
            return;
        }
        Optional<String> badOwnRegistry = ownRegistry.problem();
        if (badOwnRegistry.isPresent()) {
            problem.setText(badOwnRegistry.get());
            return;
        }
        Optional<String> typedRegistry = registries.addTyped();
        if (typedRegistry.isPresent()) {
            problem.setText(typedRegistry.get());
            return;
        }
        Optional<String> caPending = registryCa.pending().or(registries::caPending);
        if (caPending.isPresent()) {
            problem.setText(caPending.get());
            return;
        }
        Registry chosen = ((RegistryParse.Valid) parsed).registry();
        // The list's CA files first: a file chosen beside the registry field wins where both name one registry.
        Map<String, String> caFiles = new TreeMap<>(registries.caFiles());
        registryCa.path().ifPresent(p -> caFiles.put(chosen.baseUrl().toString(), p));
        Settings updated = new Settings(chosen.baseUrl().toString(),
                registries.list().toSaved(), portValue.get(), concurrencyValue.get(),
                language.getValue(), theme.getValue(), startMinimized.isSelected(), original.trayHintShown(),
                checkEvery.getValue(), checkKeptOnline.isSelected(), alertAfter.getValue(), ownRegistry.value(), caFiles);
        problem.setText("");
        stage.close();
        onSave.accept(updated);
    }

    /** The spinner's text as typed (a spinner only commits on Enter), checked against its range. */
    private static Optional<Integer> number(Spinner<Integer> spinner, int min, int max) {
        String text = spinner.getEditor().getText().strip();
        try {
            int value = Integer.parseInt(text);
            return value >= min && value <= max ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
