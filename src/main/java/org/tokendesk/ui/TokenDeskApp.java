package org.tokendesk.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Wires the app together; placeholder until the main window lands. */
public final class TokenDeskApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("TokenDesk");
        stage.setScene(new Scene(new Label("TokenDesk"), 900, 560));
        stage.show();
    }
}
