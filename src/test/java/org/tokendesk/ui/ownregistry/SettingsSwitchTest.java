package org.tokendesk.ui.ownregistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import atlantafx.base.controls.ToggleSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.i18n.Text;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.store.OwnRegistry;
import org.tokendesk.store.Settings;
import org.tokendesk.testing.Ports;
import org.tokendesk.ui.model.SettingsModel;
import org.tokendesk.ui.settings.SettingsWindow;

/** Settings → "Registry on this computer": the switch starts a real registry on loopback and stops it again. */
class SettingsSwitchTest extends ApplicationTest {
    @TempDir
    static Path tls;

    private final AtomicReference<Settings> saved = new AtomicReference<>();
    private SettingsModel settings;
    private RegistrySwitch registry;
    private Stage owner;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) {
        owner = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
        settings = new SettingsModel(Settings.defaults(Map.of()), saved::set);
        registry = new RegistrySwitch(tls, new ExtraTrust());
        registry.follow(settings);
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    /** Opens Settings, lets {@code edit} change the section, presses Save. */
    private SettingsWindow settingsWith(Runnable edit) {
        AtomicReference<SettingsWindow> window = new AtomicReference<>();
        interact(() -> {
            window.set(new SettingsWindow(owner, settings.get(), updated -> settings.update(s -> updated)));
            window.get().show();
            edit.run();
        });
        clickOn("#settingsSave");
        WaitForAsyncUtils.waitForFxEvents();
        return window.get();
    }

    private void set(String id, String text) {
        lookup(id).queryAs(TextField.class).setText(text);
    }

    private void switchOn(boolean on) {
        lookup("#settingsOwnRegistry").queryAs(ToggleSwitch.class).setSelected(on);
    }

    private <T> T awaitState(Class<T> kind) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, (Callable<Boolean>) () -> kind.isInstance(registry.state().get()));
        return kind.cast(registry.state().get());
    }

    @Test
    void switchingOnServesLookupsOnLoopbackAndSwitchingOffClosesThePort() throws Exception {
        int port = Ports.closed();
        settingsWith(() -> {
            switchOn(true);
            set("#settingsOwnRegistryPort", Integer.toString(port));
        });
        assertEquals(new OwnRegistry(true, "this_computer", port, ""), saved.get().ownRegistry(), "saved with the rest");

        RegistrySwitch.State.Running running = awaitState(RegistrySwitch.State.Running.class);
        assertEquals("127.0.0.1:" + port, running.authority());
        assertEquals("https", running.address().baseUrl().getScheme());
        assertTrue(running.caFile().map(Files::isRegularFile).orElse(false), "the CA clients must trust is on disk");
        assertEquals("Registry: running on 127.0.0.1:" + port + " · no tokens online", interactGet(() -> registry.statusLine().get()));

        // A real server: the registry's own "not registered" answer, as JSON.
        HttpURLConnection lookup = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v0/hosties/x").toURL().openConnection();
        lookup.setConnectTimeout(2000);
        lookup.setReadTimeout(5000);
        assertEquals(404, lookup.getResponseCode());
        assertTrue(lookup.getContentType().startsWith("application/json"), lookup.getContentType());
        try (InputStream body = lookup.getErrorStream()) {
            String json = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"port\":0") && json.contains("\"host\":\"0.0.0.0\""), json);
        }

        settingsWith(() -> switchOn(false));
        assertFalse(saved.get().ownRegistry().on());
        awaitState(RegistrySwitch.State.Off.class);
        assertEquals("Registry: off", interactGet(() -> registry.statusLine().get()));
        try (Socket probe = new Socket()) {
            assertThrows(ConnectException.class, () -> probe.connect(new InetSocketAddress("127.0.0.1", port), 2000), "the port is closed");
        }
    }

    @Test
    void aPortInUseIsSaidInPlainWordsAndNothingCrashes() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            settingsWith(() -> {
                switchOn(true);
                set("#settingsOwnRegistryPort", Integer.toString(taken.getLocalPort()));
            });
            RegistrySwitch.State.Failed failed = awaitState(RegistrySwitch.State.Failed.class);
            assertEquals(Text.get("ownRegistry.failed.portInUse", taken.getLocalPort(), "127.0.0.1"), failed.message());
            assertTrue(interactGet(() -> registry.statusLine().get()).contains("already in use"));
        }
        // Freed: saving again with the same settings retries.
        interact(() -> registry.apply(settings.get().ownRegistry()));
        awaitState(RegistrySwitch.State.Running.class);
    }

    @Test
    void aBadPortIsRefusedWithItsOwnMessageAndNothingIsSaved() {
        SettingsWindow window = settingsWith(() -> {
            switchOn(true);
            set("#settingsOwnRegistryPort", "87800");
        });
        assertEquals(null, saved.get());
        assertEquals(Text.get("settings.ownRegistry.port.invalid", "87800"), lookup("#settingsProblem").queryAs(Label.class).getText());
        assertTrue(window.stage().isShowing());
        assertInstanceOf(RegistrySwitch.State.Off.class, registry.state().get());
        interact(() -> window.stage().close());
    }

    @Test
    void listeningBeyondThisComputerWithoutAnAllowListIsWarnedAbout() {
        AtomicReference<SettingsWindow> window = new AtomicReference<>();
        interact(() -> {
            window.set(new SettingsWindow(owner, settings.get(), updated -> { }));
            window.get().show();
        });
        Label warning = lookup("#settingsOwnRegistryWarning").queryAs(Label.class);
        assertFalse(warning.isVisible(), "loopback only: nothing to warn about");
        interact(() -> lookup("#settingsOwnRegistryListen").queryComboBox().getSelectionModel().select(2));
        assertTrue(warning.isVisible());
        interact(() -> set("#settingsOwnRegistryAllowList", "/home/me/allowed.txt"));
        assertFalse(warning.isVisible(), "the allow-list limits who registers");
        interact(() -> window.get().stage().close());
    }

    private static <T> T interactGet(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }
}
