import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.tokendesk.ui.desktop.StartupTiming;

/** The reference for bench/startup.sh: a bare JavaFX window with one Label, timed the same way as TokenDesk. */
public final class BareWindow extends Application {
    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("Hello")),
                // The size TokenDesk's first window takes, so that both paint as many pixels.
                Math.min(1280, Math.floor(javafx.stage.Screen.getPrimary().getVisualBounds().getWidth() * 0.92)),
                Math.min(800, Math.floor(javafx.stage.Screen.getPrimary().getVisualBounds().getHeight() * 0.9)));
        stage.setScene(scene);
        StartupTiming.onNextPulse(scene, "first-frame");
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
