package org.tokendesk.ui.chain;

import java.util.ArrayList;
import java.util.List;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.tokendesk.chain.Chain;
import org.tokendesk.i18n.ChainWords;
import org.tokendesk.chain.Link;
import org.tokendesk.chain.SdkFix;
import org.tokendesk.i18n.Text;

/** One chain drawn: the verdict, a row per link (the first failing one marked), and per SDK the line to copy. */
final class ChainView {
    private final VBox box = new VBox(8);

    ChainView() {
        box.setId("chainView");
    }

    VBox node() {
        return box;
    }

    void clear() {
        box.getChildren().clear();
    }

    /** Built aside and put in at once, so that nothing sees half a chain. */
    void show(Chain chain) {
        List<Node> all = new ArrayList<>();
        Label verdict = new Label(ChainWords.verdict(chain));
        verdict.setId("chainVerdict");
        verdict.setWrapText(true);
        verdict.getStyleClass().addAll(Styles.TEXT_BOLD, chain.firstFailure().isPresent() ? Styles.DANGER : Styles.SUCCESS);
        GridPane links = new GridPane();
        links.setId("chainLinks");
        links.setHgap(10);
        links.setVgap(5);
        ColumnConstraints wide = new ColumnConstraints();
        wide.setHgrow(Priority.ALWAYS);
        links.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints(), wide);
        Link first = chain.firstFailure().orElse(null);
        int row = 0;
        for (Link link : chain.links()) {
            Label state = new Label(ChainWords.state(link.state()));
            state.getStyleClass().add(style(link.state()));
            Label step = new Label(ChainWords.step(link.step()));
            // The state and the step keep their whole words; the sentence wraps.
            state.setMinWidth(Region.USE_PREF_SIZE);
            step.setMinWidth(Region.USE_PREF_SIZE);
            Label says = new Label(ChainWords.of(link));
            says.setWrapText(true);
            if (link == first) {
                step.getStyleClass().add(Styles.TEXT_BOLD);
                says.getStyleClass().add(Styles.TEXT_BOLD);
                step.setId("chainFirstFailure");
                step.setText("▶ " + step.getText());
            } else if (link.state() == Link.State.NOT_REACHED) {
                step.getStyleClass().add(Styles.TEXT_MUTED);
                says.getStyleClass().add(Styles.TEXT_MUTED);
            }
            links.addRow(row++, state, step, says);
        }
        all.add(verdict);
        all.add(links);
        if (!chain.fixes().isEmpty()) {
            Label title = new Label(Text.get("chain.ui.fixes"));
            title.getStyleClass().add(Styles.TEXT_BOLD);
            all.add(title);
            for (SdkFix fix : chain.fixes()) {
                all.add(fixRow(fix));
            }
        }
        box.getChildren().setAll(all);
    }

    /** The settings as .env lines in a field to select from, and a button that copies them. */
    private static HBox fixRow(SdkFix fix) {
        Label sdk = new Label(Text.get("chain.sdk." + fix.sdk().name()));
        sdk.setMinWidth(250);
        sdk.setPrefWidth(250);
        String lines = fix.settings().stream().map(SdkFix.Setting::line).reduce((a, b) -> a + "\n" + b).orElse("");
        // A service-side setting cannot be copied into the bot's .env: say it in words instead.
        TextField text = new TextField(fix.needsNothing() ? Text.get("chain.ui.nothing")
                : fix.onService().isPresent() ? ChainWords.of(fix) : lines.replace("\n", "  "));
        text.setEditable(false);
        text.setId("chainFix" + fix.sdk().name());
        HBox.setHgrow(text, Priority.ALWAYS);
        Button copy = new Button(Text.get("chain.ui.copy"));
        copy.setDisable(fix.settings().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(lines + "\n");
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox row = new HBox(8, sdk, text, copy);
        row.setPadding(new Insets(0, 0, 0, 4));
        return row;
    }

    private static String style(Link.State state) {
        switch (state) {
            case PASSED:
                return Styles.SUCCESS;
            case WARNING:
                return Styles.WARNING;
            case FAILED:
                return Styles.DANGER;
            default:
                return Styles.TEXT_MUTED;
        }
    }
}
