package org.tokendesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.secrets.OsKeyring;
import org.tokendesk.store.AppHome;
import org.tokendesk.testing.Ports;
import org.tokendesk.token.Token;
import org.tokendesk.ui.main.MainWindow;

/**
 * Saved on, the registry on this computer starts with the app: the status bar says so, the app's own
 * lookups reach it over https trusting its generated CA, and quitting closes its port.
 */
class OwnRegistryAtStartTest extends ApplicationTest {
    @TempDir
    static Path home;

    private static int port;
    private Services services;

    @Override
    public void start(Stage stage) throws Exception {
        port = Ports.closed();
        Files.createDirectories(home);
        Files.writeString(AppHome.at(home).settingsFile(),
                "{\"schema\":1,\"ownRegistry\":{\"on\":true,\"listen\":\"this_computer\",\"port\":" + port + ",\"allowList\":\"\"}}");
        Map<String, String> env = Map.of(AppHome.HOME_VARIABLE, home.toString(), OsKeyring.SWITCH_VARIABLE, "off");
        services = Services.open(env, Http.newClient(Http.Timeouts.DISCOVERY));
        Text.use(Locale.ENGLISH);
        MainWindow window = services.createWindow(stage, null);
        stage.setScene(new Scene(window.view(), 1100, 700));
        stage.show();
    }

    private String statusBar() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> lookup("#ownRegistryStatusBar").queryAs(Labeled.class).getText()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void savedOnItRunsFromTheStartIsTrustedByTheAppsOwnLookupsAndStopsOnQuit() throws Exception {
        String running = "Registry: running on 127.0.0.1:" + port + " · no tokens online";
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, (Callable<Boolean>) () -> running.equals(statusBar()));

        // Over https, as the SDKs resolve: the generated CA is trusted for this registry.
        Lookup lookup = services.discovery().lookupNow(new Registry(URI.create("https://127.0.0.1:" + port)),
                Token.of("insecure_0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b"));
        assertInstanceOf(Lookup.NotRegistered.class, lookup, String.valueOf(lookup));

        services.close();
        try (Socket probe = new Socket()) {
            assertThrows(ConnectException.class, () -> probe.connect(new InetSocketAddress("127.0.0.1", port), 2000));
        }
        assertEquals(running, statusBar(), "the window is gone with the app; nothing crashed on the way");
    }
}
