package org.tokendesk.ui.newtoken;

import java.util.Optional;

import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.token.NewToken;
import org.tokendesk.token.Sni;
import org.tokendesk.token.SniProblem;
import org.tokendesk.token.Token;
import org.tokendesk.ui.Tone;

/**
 * "New token": {@code <sni>_<uuid v4>} as {@code wechaty-token generate} makes it, with the SNI
 * explained, since it decides which puppet service a bot will accept.
 */
public final class NewTokenDialog {
    /** The token made, and the label the user gave it. */
    public record Made(Token token, String label) {
    }

    private final Dialog<Made> dialog = new Dialog<>();
    private final RadioButton insecure = new RadioButton(Text.get("newtoken.insecure"));
    private final RadioButton puppet = new RadioButton(Text.get("newtoken.puppet"));
    private final TextField name = new TextField();
    private final TextField label = new TextField();
    private final Label preview = new Label();
    private final Label problem = new Label();

    public NewTokenDialog(Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle(Text.get("newtoken.title"));
        dialog.setHeaderText(Text.get("newtoken.header"));
        ToggleGroup group = new ToggleGroup();
        insecure.setToggleGroup(group);
        puppet.setToggleGroup(group);
        insecure.setId("newTokenInsecure");
        puppet.setId("newTokenPuppet");
        insecure.setSelected(true);
        name.setId("newTokenName");
        name.setPromptText(Text.get("newtoken.name.prompt"));
        name.disableProperty().bind(puppet.selectedProperty().not());
        name.textProperty().addListener((o, was, now) -> update());
        group.selectedToggleProperty().addListener((o, was, now) -> update());
        label.setId("newTokenLabel");
        label.setPromptText(Text.get("newtoken.label.prompt"));
        preview.setId("newTokenPreview");
        preview.getStyleClass().add(Styles.TEXT_MUTED);
        problem.setId("newTokenProblem");
        Tone.ERROR.apply(problem);
        problem.setWrapText(true);

        Label explain = wrapped(Text.get("sni.explain"));
        Label explainInsecure = wrapped(Text.get("sni.explain.insecure"));
        Label explainPuppet = wrapped(Text.get("sni.explain.puppet"));
        VBox content = new VBox(8, explain, insecure, indent(explainInsecure), puppet, indent(new HBox(6, new Label(Sni.PUPPET_PREFIX), name)),
                indent(explainPuppet), new Label(Text.get("newtoken.label")), label, preview, problem);
        content.setPadding(new Insets(8, 12, 8, 12));
        content.setPrefWidth(520);
        dialog.getDialogPane().setContent(content);
        ButtonType create = new ButtonType(Text.get("newtoken.create"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(create, ButtonType.CANCEL);
        // A bad name keeps the dialog open with the reason, instead of closing with nothing.
        dialog.getDialogPane().lookupButton(create).addEventFilter(ActionEvent.ACTION, e -> {
            if (chosen().isEmpty()) {
                e.consume();
            }
        });
        dialog.setResultConverter(button -> button == create ? chosen().map(sni -> new Made(NewToken.generate(sni), label.getText().strip())).orElse(null) : null);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        update();
    }

    public Optional<Made> showAndWait() {
        return dialog.showAndWait();
    }

    public Dialog<Made> dialog() {
        return dialog;
    }

    private Optional<Sni> chosen() {
        if (insecure.isSelected()) {
            return Optional.of(Sni.INSECURE);
        }
        Optional<SniProblem> bad = Sni.checkPuppet(name.getText().strip());
        if (bad.isPresent()) {
            problem.setText(Words.of(bad.get()));
            return Optional.empty();
        }
        return Optional.of(Sni.puppet(name.getText().strip()));
    }

    private void update() {
        problem.setText("");
        String sni = insecure.isSelected() ? Sni.INSECURE.value()
                : Sni.checkPuppet(name.getText().strip()).isEmpty() ? Sni.puppet(name.getText().strip()).value() : Sni.PUPPET_PREFIX + "…";
        preview.setText(Text.get("sni.preview", sni));
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private static Node indent(Node node) {
        VBox.setMargin(node, new Insets(0, 0, 0, 26));
        return node;
    }
}
