package org.tokendesk.ui.main;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

import java.util.Locale;

/** One line under the toolbar that says what just happened, with an optional action such as Undo. */
final class MessageBar extends HBox {
    enum Kind { INFO, SUCCESS, WARNING, ERROR }

    private final Label text = new Label();
    private final Hyperlink action = new Hyperlink();
    private final PauseTransition fade = new PauseTransition(Duration.seconds(12));

    MessageBar() {
        setId("message");
        getStyleClass().add("message-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        text.setId("messageText");
        text.setWrapText(true);
        action.setId("messageAction");
        action.setVisible(false);
        action.setManaged(false);
        getChildren().addAll(text, action);
        fade.setOnFinished(e -> clear());
        clear();
    }

    void show(Kind kind, String message) {
        show(kind, message, null, null);
    }

    void show(Kind kind, String message, String actionText, Runnable onAction) {
        getStyleClass().removeIf(c -> c.startsWith("message-"));
        getStyleClass().addAll("message-bar", "message-" + kind.name().toLowerCase(Locale.ROOT));
        text.setText(message);
        boolean hasAction = onAction != null;
        action.setText(hasAction ? actionText : "");
        action.setOnAction(hasAction ? e -> {
            onAction.run();
            clear();
        } : null);
        action.setVisible(hasAction);
        action.setManaged(hasAction);
        setVisible(true);
        setManaged(true);
        fade.stop();
        // Errors stay until the next action: a message the user had no time to read helps no one.
        if (kind != Kind.ERROR) {
            fade.playFromStart();
        }
    }

    void clear() {
        text.setText("");
        action.setOnAction(null);
        setVisible(false);
        setManaged(false);
    }

    String text() {
        return text.getText();
    }
}
