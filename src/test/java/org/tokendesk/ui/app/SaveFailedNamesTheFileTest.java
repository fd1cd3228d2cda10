package org.tokendesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.Http;
import org.tokendesk.secrets.OsKeyring;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.SavedFile;
import org.tokendesk.token.Token;
import org.tokendesk.ui.main.MainWindow;

/** A failed save says which file failed: the settings, or the token list. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SaveFailedNamesTheFileTest extends ApplicationTest {
    private static final Token TOKEN = Token.of("insecure_save_failed_names_the_file");

    @TempDir
    Path home;

    private Services services;

    @Override
    public void start(Stage stage) {
        Map<String, String> env = Map.of(AppHome.HOME_VARIABLE, home.toString(), OsKeyring.SWITCH_VARIABLE, "off",
                Registry.AUTHORITY_VARIABLE, "http://127.0.0.1:9");
        services = Services.open(env, Http.newClient(Http.Timeouts.DISCOVERY));
        Text.use(Locale.ENGLISH);
        MainWindow window = services.createWindow(stage, null);
        stage.setScene(new Scene(window.view(), 1000, 700));
        stage.show();
    }

    @AfterEach
    void close() {
        services.close();
        Text.use(Locale.ENGLISH);
    }

    @Test
    void theSettingsFileFailingIsNotCalledTheTokenList() throws Exception {
        // A non-empty folder where the file goes: the rename fails even for root.
        Path settings = home.resolve("settings.json");
        Files.deleteIfExists(settings);
        Files.createDirectories(settings.resolve("in-the-way"));
        TextField registry = lookup("#registryField").queryAs(TextField.class);
        interact(() -> {
            registry.setText("http://127.0.0.1:7");
            registry.getOnAction().handle(null);
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> message().startsWith("Could not save"));
        String text = message();
        assertTrue(text.contains("settings"), text);
        assertFalse(text.contains("token list"), text);
    }

    @Test
    void theTokenListFailingIsCalledTheTokenList() throws Exception {
        Path tokens = home.resolve("tokens.json");
        Files.deleteIfExists(tokens);
        Files.createDirectories(tokens.resolve("in-the-way"));
        TextInputControl paste = lookup("#pasteField").queryAs(TextInputControl.class);
        interact(() -> paste.setText(TOKEN.reveal()));
        clickOn("#addButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> message().startsWith("Could not save"));
        String text = message();
        assertTrue(text.contains("token list"), text);
        assertFalse(text.contains("settings"), text);
    }

    @Test
    void bothLanguagesNameTheFile() {
        Text.use(Locale.SIMPLIFIED_CHINESE);
        String settings = Words.saveFailed(SavedFile.SETTINGS, "No space left on device");
        String tokens = Words.saveFailed(SavedFile.TOKEN_LIST, "No space left on device");
        assertTrue(settings.contains("设置") && !settings.contains("token"), settings);
        assertTrue(tokens.contains("token 列表") && tokens.contains("No space left on device"), tokens);
    }

    private String message() {
        return lookup("#messageText").queryAs(Label.class).getText();
    }
}
