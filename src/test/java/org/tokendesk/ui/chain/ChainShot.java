package org.tokendesk.ui.chain;

import java.time.Instant;
import java.util.List;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

import okhttp3.OkHttpClient;

import org.tokendesk.chain.ChainCheck;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.PuppetServer;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.token.Token;
import org.tokendesk.ui.Theme;
import org.tokendesk.ui.model.DetailSection;
import org.tokendesk.ui.model.TokenRow;

/**
 * The Chain tab for {@code docs/chain-screenshot.sh}: a made-up PadLocal token whose service (a
 * grpc-java puppet service on loopback) serves plaintext, so TLS is the first failing link and the
 * NO_TLS line is the fix. Prints {@code screenshot-ready} once the chain is drawn. Arguments: language, theme.
 */
public final class ChainShot {
    private static final Token TOKEN = Token.of("puppet_padlocal_5c0c4c34-1b2d-4e8f-9a0b-1c2d3e4f5a6b");

    private ChainShot() {
    }

    /** Not the Application itself: the JDK's launcher refuses one without JavaFX on the module path. */
    public static void main(String[] args) {
        Application.launch(Shot.class, args);
    }

    public static final class Shot extends Application {
    private RegistryStub registry;
    private PuppetServer service;
    private ChainRunner runner;
    private OkHttpClient http;

    @Override
    public void start(Stage stage) throws Exception {
        List<String> args = getParameters().getRaw();
        Text.use(args.isEmpty() ? "en" : args.get(0));
        Theme.resolve(args.size() > 1 ? args.get(1) : "light").apply();
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        registry = RegistryStub.start();
        service = PuppetServer.plaintext(TOKEN, PuppetServer.Reads.METADATA_OR_AUTHORITY);
        registry.register(TOKEN.reveal(), "127.0.0.1", service.port());
        runner = new ChainRunner(new ChainCheck(new DiscoveryClient(http, 1), http, ProbeConfig.defaults()));
        SimpleObjectProperty<TokenRow> selected = new SimpleObjectProperty<>(new TokenRow(SavedToken.added(TOKEN, Instant.now())));
        ChainSection section = new ChainSection(registry::registry, List::of, runner,
                new DetailSection.Selection(selected, new SimpleBooleanProperty(true)));
        Rectangle2D screen = Screen.getPrimary().getBounds();
        stage.setScene(new Scene((Parent) section.view(), screen.getWidth(), screen.getHeight()));
        stage.setX(0);
        stage.setY(0);
        stage.show();
        ((Button) section.view().lookup("#chainCheck")).fire();
        PauseTransition wait = new PauseTransition(Duration.millis(250));
        wait.setOnFinished(e -> {
            if (section.view().lookup("#chainVerdict") != null) {
                // Software rendering on a loaded machine: give the frame time to reach the screen.
                PauseTransition settle = new PauseTransition(Duration.seconds(4));
                settle.setOnFinished(x -> System.out.println("screenshot-ready"));
                settle.play();
            } else {
                wait.playFromStart();
            }
        });
        wait.play();
    }

    @Override
    public void stop() {
        runner.close();
        service.close();
        registry.close();
        Http.shutdown(http);
        Platform.exit();
    }
    }
}
