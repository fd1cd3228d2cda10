package org.tokendesk.ui.everywhere;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

import atlantafx.base.theme.Styles;

import org.tokendesk.i18n.EverywhereWords;
import org.tokendesk.everywhere.FixLines;
import org.tokendesk.i18n.Text;
import org.tokendesk.ui.Tone;

/**
 * The fix, ready to copy: a selector for shell, cmd, PowerShell, .env, Python, Node and Go, the text
 * in a read-only monospace area, a note on what it does, and a Copy button. None of it holds a token.
 */
final class FixView {
    private final VBox root = new VBox(6);
    private final ChoiceBox<FixLines> target = new ChoiceBox<>();
    private final Label targetLabel = new Label(Text.get("everywhere.ui.fix.for"));
    private final HBox targetRow = new HBox(8, targetLabel, target);
    private final HBox kinds = new HBox();
    private final ToggleGroup kindGroup = new ToggleGroup();
    private final TextArea text = new TextArea();
    private final Label note = new Label();
    private final Button copy = new Button(Text.get("everywhere.ui.snippet.copy"));
    private final Label copied = new Label();
    private final PauseTransition fade = new PauseTransition(Duration.seconds(4));
    /** The kind the user picked last; kept from token to token. */
    private FixLines.Kind kind = defaultKind();
    private boolean rebuilding;

    FixView() {
        root.setId("fixView");
        root.getStyleClass().add("fix-view");
        Label title = new Label(Text.get("everywhere.ui.fix.title"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        target.setId("fixTarget");
        target.setConverter(new StringConverter<>() {
            @Override
            public String toString(FixLines fix) {
                return fix == null ? "" : fix.target().displayName();
            }

            @Override
            public FixLines fromString(String s) {
                return null;
            }
        });
        target.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showKinds(now));
        targetLabel.setLabelFor(target);
        targetRow.setAlignment(Pos.CENTER_LEFT);
        kindGroup.selectedToggleProperty().addListener((o, was, now) -> {
            if (rebuilding) {
                return;
            }
            if (now == null && was != null) {
                // A segmented selector always has one selected: clicking the selected one keeps it.
                was.setSelected(true);
            } else if (now != null) {
                kind = (FixLines.Kind) now.getUserData();
                showText();
            }
        });
        text.setId("fixText");
        text.setEditable(false);
        text.setWrapText(false);
        text.getStyleClass().add("snippet-text");
        note.setId("fixNote");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        copy.setId("fixCopy");
        copy.getStyleClass().add(Styles.ACCENT);
        copy.setOnAction(e -> copySelected());
        copied.setId("fixCopied");
        Tone.OK.apply(copied);
        fade.setOnFinished(e -> copied.setText(""));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // Copy sits at the top, so it stays in view in a short detail pane whatever the snippet's length.
        HBox head = new HBox(8, title, spacer, copied, copy);
        head.setAlignment(Pos.CENTER_LEFT);
        kinds.setMinWidth(Region.USE_PREF_SIZE);
        root.getChildren().addAll(head, targetRow, kinds, text, note);
    }

    Node view() {
        return root;
    }

    /** Shows the fixes of a verdict (one per registry that knows the token); none hides the view. */
    void show(List<FixLines> fixes) {
        root.setVisible(!fixes.isEmpty());
        root.setManaged(!fixes.isEmpty());
        boolean several = fixes.size() > 1;
        targetRow.setVisible(several);
        targetRow.setManaged(several);
        FixLines was = target.getValue();
        target.getItems().setAll(fixes);
        if (!fixes.isEmpty()) {
            target.getSelectionModel().select(was != null && fixes.contains(was) ? was : fixes.get(0));
        }
    }

    private void showKinds(FixLines fix) {
        rebuilding = true;
        try {
            kindGroup.getToggles().clear();
            kinds.getChildren().clear();
            if (fix == null) {
                return;
            }
            List<ToggleButton> buttons = new ArrayList<>();
            for (FixLines.Snippet snippet : fix.snippets()) {
                ToggleButton b = new ToggleButton(Text.get("everywhere.ui.snippet.short." + snippet.kind().name()));
                b.setId("fixKind" + snippet.kind().name());
                b.setUserData(snippet.kind());
                b.setToggleGroup(kindGroup);
                b.setTooltip(new Tooltip(EverywhereWords.snippetLabel(snippet.kind())));
                buttons.add(b);
            }
            for (int i = 0; i < buttons.size(); i++) {
                if (buttons.size() > 1) {
                    buttons.get(i).getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == buttons.size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
                }
            }
            kinds.getChildren().addAll(buttons);
            // A fix without the kind the user picked (Python only) shows what it has, and the pick is kept for the next.
            buttons.stream().filter(b -> b.getUserData() == kind).findFirst().orElse(buttons.get(0)).setSelected(true);
        } finally {
            rebuilding = false;
        }
        showText();
    }

    private FixLines.Kind shownKind() {
        return kindGroup.getSelectedToggle() == null ? null : (FixLines.Kind) kindGroup.getSelectedToggle().getUserData();
    }

    private void showText() {
        FixLines fix = target.getValue();
        FixLines.Kind shown = shownKind();
        if (fix == null || shown == null) {
            return;
        }
        String snippet = fix.snippet(shown).map(FixLines.Snippet::text).orElse("");
        text.setText(snippet);
        // One spare row under a one-line fix keeps a sideways scroll bar in a narrow pane from covering it.
        text.setPrefRowCount((int) Math.max(2, Math.min(8, snippet.lines().count())));
        note.setText(EverywhereWords.snippetNote(fix, shown).orElse(""));
        copied.setText("");
    }

    private void copySelected() {
        FixLines.Kind shown = shownKind();
        if (shown == null || text.getText().isEmpty()) {
            return;
        }
        CheckEverywhere.copy(text.getText());
        copied.setText(Text.get("everywhere.ui.snippet.copied", EverywhereWords.snippetLabel(shown)));
        fade.playFromStart();
    }

    private static FixLines.Kind defaultKind() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? FixLines.Kind.CMD : FixLines.Kind.SHELL;
    }
}
