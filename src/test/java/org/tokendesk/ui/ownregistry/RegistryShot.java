package org.tokendesk.ui.ownregistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.tokendesk.testing.Puppet;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.store.OwnRegistry;
import org.tokendesk.ui.Theme;

/**
 * The Registry window for {@code docs/registry-screenshot.sh}: the registry on this computer with three
 * made-up puppet services registered over loopback and a few lookups served. Prints
 * {@code screenshot-ready} once drawn. Arguments: language, theme.
 */
public final class RegistryShot {
    private static final String[] TOKENS = {
        "puppet_padlocal_5c0c4c34-1b2d-4e8f-9a0b-1c2d3e4f5a6b",
        "puppet_workpro_8d7e6f5a-4b3c-4d2e-9f1a-0b1c2d3e4f5a",
        "insecure_2b6f0c1e-4d3a-4c5b-8e9f-a1b2c3d4e5f6",
    };

    private RegistryShot() {
    }

    /** Not the Application itself: the JDK's launcher refuses one without JavaFX on the module path. */
    public static void main(String[] args) {
        Application.launch(Shot.class, args);
    }

    public static final class Shot extends Application {
        private RegistrySwitch registry;
        private final List<Puppet> puppets = new ArrayList<>();
        private final List<ServerSocket> services = new ArrayList<>();
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            Text.use(args.isEmpty() ? "en" : args.get(0));
            Theme.resolve(args.size() > 1 ? args.get(1) : "light").apply();
            // Where the app keeps it, below a scratch folder: the shot makes no CA in the user's own config.
            Path tls = Path.of(System.getProperty("java.io.tmpdir"), ".config", "tokendesk", "registry");
            Files.createDirectories(tls);
            registry = new RegistrySwitch(tls, new ExtraTrust());
            int port = free(OwnRegistry.DEFAULT_PORT);
            registry.apply(new OwnRegistry(true, OwnRegistry.THIS_COMPUTER, port, ""));
            RegistryView view = new RegistryView(registry);
            Rectangle2D screen = Screen.getPrimary().getBounds();
            stage.setScene(new Scene(view.view(), screen.getWidth(), Math.min(screen.getHeight(), 600)));
            stage.getScene().getStylesheets().add(RegistryShot.class.getResource("/org/tokendesk/ui/tokendesk.css").toExternalForm());
            stage.setTitle(Text.get("ownRegistry.window.title"));
            stage.setX(0);
            stage.setY(0);
            stage.show();
            registry.state().addListener((o, was, now) -> {
                if (now instanceof RegistrySwitch.State.Running) {
                    Thread fill = new Thread(() -> fill(port), "shot-fill");
                    fill.setDaemon(true);
                    fill.start();
                }
            });
        }

        /** Three registrants, then lookups: two for the first, one for the second, none for the third. */
        private void fill(int port) {
            try {
                for (String token : TOKENS) {
                    // A listening port stands in for each puppet service: the registry finds it reachable.
                    ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                    services.add(service);
                    puppets.add(Puppet.connect(client, URI.create("ws://127.0.0.1:" + port + "/v0/websocket"), token, Integer.toString(service.getLocalPort()), ""));
                    Thread.sleep(1200);
                }
                Thread.sleep(1500);
                for (String token : new String[] {TOKENS[0], TOKENS[0], TOKENS[1]}) {
                    client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v0/hosties/" + token))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
            // Software rendering on a loaded machine: give the view's once-a-second refresh and the frame time.
            Platform.runLater(() -> {
                PauseTransition settle = new PauseTransition(javafx.util.Duration.seconds(4));
                settle.setOnFinished(x -> System.out.println("screenshot-ready"));
                settle.play();
            });
        }

        private static int free(int preferred) throws IOException {
            try (ServerSocket s = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
                return preferred;
            } catch (IOException taken) {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    return s.getLocalPort();
                }
            }
        }

        @Override
        public void stop() {
            puppets.forEach(Puppet::close);
            for (ServerSocket s : services) {
                try {
                    s.close();
                } catch (IOException e) {
                    // Exiting anyway.
                }
            }
            registry.close();
        }
    }
}
