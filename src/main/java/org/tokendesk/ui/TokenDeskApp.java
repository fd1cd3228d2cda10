package org.tokendesk.ui;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import javafx.scene.image.Image;

import org.tokendesk.desktop.AppIcon;
import org.tokendesk.desktop.SingleInstance;
import org.tokendesk.desktop.StartupTiming;
import org.tokendesk.i18n.Text;
import org.tokendesk.ui.main.MainWindow;

/**
 * The JavaFX application. The window paints first; files, settings and the network open right
 * after, off the JavaFX thread, and the list fills in when they are ready.
 */
public final class TokenDeskApp extends Application {
    private Services services;

    private static final Logger LOG = Logger.getLogger(TokenDeskApp.class.getName());

    @Override
    public void start(Stage stage) {
        // A bug must leave a trace in the log (tokens masked there), not vanish with a dead thread.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.log(Level.SEVERE, "uncaught on " + thread.getName(), e));
        stage.setTitle(Text.get("app.name"));
        Label loading = new Label(Text.get("ui.loading"));
        loading.getStyleClass().add("loading");
        Scene scene = new Scene(new StackPane(loading), 1040, 640);
        scene.getStylesheets().add(TokenDeskApp.class.getResource("tokendesk.css").toExternalForm());
        stage.setScene(scene);
        AppIcon.urls().forEach(url -> stage.getIcons().add(new Image(url, true)));
        SingleInstance.ofThisProcess().ifPresent(instance -> instance.onAnotherLaunch(() -> Platform.runLater(() -> {
            stage.show();
            stage.setIconified(false);
            stage.toFront();
        })));
        StartupTiming.onNextPulse(scene, "first-frame");
        stage.show();
        Map<String, String> env = System.getenv();
        CompletableFuture.supplyAsync(() -> Services.open(env))
                .whenComplete((opened, failure) -> Platform.runLater(() -> {
                    if (failure != null) {
                        LOG.log(Level.SEVERE, "start-up failed", failure);
                        loading.setText(Text.get("ui.startFailed", failure.getMessage()));
                        return;
                    }
                    services = opened;
                    opened.theme().apply();
                    MainWindow window = opened.createWindow(stage, getHostServices());
                    scene.setRoot(window.view());
                    StartupTiming.onNextPulse(scene, "ready");
                    // Focus on the list, so the paste field shows its hint and Ctrl+V pastes at once.
                    window.table().requestFocus();
                }));
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        }
        SingleInstance.ofThisProcess().ifPresent(SingleInstance::close);
    }
}
