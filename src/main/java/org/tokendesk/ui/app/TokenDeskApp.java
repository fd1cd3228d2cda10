package org.tokendesk.ui.app;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.tokendesk.i18n.Text;
import org.tokendesk.net.Workers;
import org.tokendesk.ui.desktop.AppIcon;
import org.tokendesk.ui.desktop.SingleInstance;
import org.tokendesk.ui.desktop.StartupTiming;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.Theme;

/**
 * The JavaFX application. The window paints first; files, settings and the network open right
 * after, off the JavaFX thread, and the list fills in when they are ready. The placeholder takes
 * the saved theme's colours and language as soon as the settings are read.
 */
public final class TokenDeskApp extends Application {
    private Services services;

    private static final Logger LOG = Logger.getLogger(TokenDeskApp.class.getName());

    /** Starts JavaFX and opens the window; returns when the app ends. */
    public static void launchWindow() {
        Application.launch(TokenDeskApp.class);
    }

    @Override
    public void start(Stage stage) {
        // A bug must leave a trace in the log (tokens masked there), not vanish with a dead thread.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.log(Level.SEVERE, "uncaught on " + thread.getName(), e));
        stage.setTitle(Text.get("app.name"));
        Label loading = new Label(Text.get("ui.loading"));
        loading.getStyleClass().add("loading");
        StackPane placeholder = new StackPane(loading);
        placeholder.getStyleClass().add("loading-pane");
        // Room for every column and a detail tab where the screen has it; smaller screens get most of theirs.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(placeholder, Math.min(1280, Math.floor(screen.getWidth() * 0.92)),
                Math.min(800, Math.floor(screen.getHeight() * 0.9)));
        scene.getStylesheets().add(TokenDeskApp.class.getResource("/org/tokendesk/ui/tokendesk.css").toExternalForm());
        stage.setScene(scene);
        SingleInstance.ofThisProcess().ifPresent(instance -> instance.onAnotherLaunch(() -> Platform.runLater(() -> {
            stage.show();
            stage.setIconified(false);
            stage.toFront();
        })));
        StartupTiming.onNextPulse(scene, "first-frame");
        stage.show();
        // After the first frame is on its way: six PNGs are decoded for the window icon.
        Platform.runLater(() -> AppIcon.urls().forEach(url -> stage.getIcons().add(new Image(url, true))));
        Map<String, String> env = System.getenv();
        CompletableFuture<Theme> look = new CompletableFuture<>();
        look.thenAccept(theme -> Platform.runLater(() -> {
            if (services == null) {
                wear(placeholder, loading, theme);
            }
        }));
        CompletableFuture.supplyAsync(() -> Services.open(env, look::complete), r -> Workers.daemon("open").newThread(r).start())
                .whenComplete((opened, failure) -> Platform.runLater(() -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        LOG.log(Level.SEVERE, "start-up failed", cause);
                        loading.setText(Text.get("ui.startFailed", cause.getMessage()));
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

    /**
     * The placeholder in the theme's colours and the settings' language. Only colours: loading the
     * theme itself takes about as long as the rest of the start-up.
     */
    private static void wear(StackPane placeholder, Label loading, Theme theme) {
        placeholder.getStyleClass().add(theme == Theme.DARK ? "dark" : "light");
        loading.setText(Text.get("ui.loading"));
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        }
        SingleInstance.ofThisProcess().ifPresent(SingleInstance::close);
    }
}
