package org.tokendesk.ui.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.EverywhereWords;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.i18n.Text;
import org.tokendesk.ui.Tone;

/**
 * The registries "check everywhere" asks: the two public ones (always there), the user's own with
 * add and remove, and saved entries that can no longer be read, shown as such. Changes take effect
 * when the settings window saves.
 */
final class RegistriesSection {
    private final VBox root = new VBox(8);
    private final VBox entries = new VBox(4);
    private final TextField input = new TextField();
    private final Label problem = new Label();
    private RegistryList list;
    /** The CA choice of each of the user's registries, kept while the entries are redrawn. */
    private final Map<Registry, CaChoice> cas = new LinkedHashMap<>();
    private final Function<Registry, Optional<String>> savedCa;
    private final Consumer<String> sayCa;

    /**
     * @param savedCa the CA file saved for a registry
     * @param sayCa   shows a CA file's problem (or clears it with "")
     */
    RegistriesSection(RegistryList initial, Function<Registry, Optional<String>> savedCa, Consumer<String> sayCa) {
        this.list = initial;
        this.savedCa = savedCa;
        this.sayCa = sayCa;
        Label title = new Label(Text.get("settings.registries"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label help = new Label(Text.get("settings.registries.help"));
        help.getStyleClass().add(Styles.TEXT_MUTED);
        help.setWrapText(true);
        entries.setId("settingsRegistries");
        input.setId("settingsRegistryInput");
        input.setPromptText(Text.get("settings.registries.prompt"));
        input.setOnAction(e -> add());
        HBox.setHgrow(input, Priority.ALWAYS);
        Button add = new Button(Text.get("settings.registries.add"));
        add.setId("settingsRegistryAdd");
        add.setOnAction(e -> add());
        HBox addRow = new HBox(8, input, add);
        addRow.setAlignment(Pos.CENTER_LEFT);
        problem.setId("settingsRegistryProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("settings-problem");
        problem.setManaged(false);
        root.getChildren().addAll(new Separator(), title, help, entries, addRow, problem);
        showEntries();
    }

    Node view() {
        return root;
    }

    RegistryList list() {
        return list;
    }

    /** The CA files chosen for the registries still listed, by base URL as the settings spell them. */
    Map<String, String> caFiles() {
        Map<String, String> files = new TreeMap<>();
        for (Registry r : list.all()) {
            CaChoice c = cas.get(r);
            if (c != null) {
                c.path().ifPresent(p -> files.put(r.baseUrl().toString(), p));
            }
        }
        return files;
    }

    /** Why a CA choice stops the save (still reading, or refused), if one does. */
    Optional<String> caPending() {
        for (Registry r : list.all()) {
            CaChoice c = cas.get(r);
            if (c != null && c.pending().isPresent()) {
                return c.pending();
            }
        }
        return Optional.empty();
    }

    private CaChoice caChoice(Registry r) {
        return cas.computeIfAbsent(r, k -> new CaChoice("settingsRegistryCa" + cas.size(), savedCa.apply(k), k::displayName, sayCa));
    }

    /**
     * Adds what is still typed in the field, as if Add had been pressed (a user who types and then
     * saves means it). Returns why it was refused; an empty field is nothing to add.
     */
    Optional<String> addTyped() {
        if (input.getText() == null || input.getText().isBlank()) {
            return Optional.empty();
        }
        add();
        return problem.getText().isEmpty() ? Optional.empty() : Optional.of(problem.getText());
    }

    private void add() {
        RegistryList.Addition addition = list.add(input.getText());
        if (addition instanceof RegistryList.Addition.Refused refused) {
            say(EverywhereWords.of(refused.refusal()));
            input.requestFocus();
            return;
        }
        list = ((RegistryList.Addition.Added) addition).list();
        input.clear();
        say("");
        showEntries();
    }

    private void say(String text) {
        problem.setText(text);
        problem.setManaged(!text.isEmpty());
        input.pseudoClassStateChanged(Styles.STATE_DANGER, !text.isEmpty());
    }

    private void showEntries() {
        entries.getChildren().clear();
        for (Registry r : list.all()) {
            if (list.isBuiltIn(r)) {
                Label tag = new Label(Text.get("settings.registries.builtIn"));
                tag.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                entries.getChildren().add(entry(r.displayName(), tag, null));
            } else {
                HBox row = entry(r.displayName(), null, remove(() -> list = list.remove(r)));
                row.getChildren().add(row.getChildren().size() - 1, caChoice(r).view());
                entries.getChildren().add(row);
            }
        }
        for (String saved : list.unreadable()) {
            Label why = new Label(EverywhereWords.unreadable(saved));
            why.setWrapText(true);
            Tone.WARN.apply(why);
            HBox row = entry(null, why, remove(() -> list = list.withoutUnreadable(saved)));
            row.getStyleClass().add("unreadable-registry");
            entries.getChildren().add(row);
        }
    }

    private Button remove(Runnable change) {
        Button remove = new Button(Text.get("settings.registries.remove"));
        remove.getStyleClass().addAll(Styles.FLAT, Styles.DANGER, Styles.SMALL, "registry-remove");
        remove.setTooltip(new Tooltip(Text.get("settings.registries.remove.tooltip")));
        remove.setOnAction(e -> {
            change.run();
            showEntries();
        });
        return remove;
    }

    private static HBox entry(String name, Label tag, Button remove) {
        HBox row = new HBox(10);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("registry-entry");
        if (name != null) {
            Label n = new Label(name);
            n.getStyleClass().add("registry-name");
            row.getChildren().add(n);
        }
        if (tag != null) {
            HBox.setHgrow(tag, Priority.SOMETIMES);
            row.getChildren().add(tag);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        row.getChildren().add(spacer);
        if (remove != null) {
            row.getChildren().add(remove);
        }
        return row;
    }
}
