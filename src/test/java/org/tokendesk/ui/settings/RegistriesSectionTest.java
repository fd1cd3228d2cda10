package org.tokendesk.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.i18n.Text;
import org.tokendesk.store.Settings;

/** The registries "check everywhere" asks, as the settings window edits them. */
class RegistriesSectionTest extends ApplicationTest {
    private final AtomicReference<Settings> saved = new AtomicReference<>();
    private SettingsWindow window;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
        Settings current = Settings.defaults(Map.of()).withExtraRegistries(List.of("https://mine.example", "ftp://old.example"));
        window = new SettingsWindow(stage, current, saved::set);
        window.show();
    }

    @Test
    void builtInsAreShownWithoutRemoveAndAnUnreadableEntryIsShownAsSuch() {
        List<String> shown = entryTexts();
        assertTrue(shown.contains("api.chatie.io"), shown.toString());
        assertTrue(shown.contains("token-service-discovery-test.juzibot.com"), shown.toString());
        assertTrue(shown.contains("mine.example"), shown.toString());
        assertTrue(shown.contains(Text.get("everywhere.unreadable", "ftp://old.example")), shown.toString());
        assertEquals(2, lookup("#settingsRegistries .registry-remove").queryAll().size(), "only the user's own entries can be removed");
    }

    @Test
    void anEntryIsTrimmedAddedAndSaved() {
        type("  http://192.168.1.5:8080/  ");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(entryTexts().contains("http://192.168.1.5:8080"), entryTexts().toString());
        assertEquals("", lookup("#settingsRegistryInput").queryAs(TextField.class).getText());
        clickOn("#settingsSave");
        assertEquals(List.of("https://mine.example", "http://192.168.1.5:8080", "ftp://old.example"), saved.get().extraRegistries());
    }

    @Test
    void badAndRepeatedEntriesAreRefusedWithTheirReason() {
        type("api.chatie .io");
        assertTrue(problem().contains("space"), problem());
        type("API.chatie.io");
        assertEquals(Text.get("everywhere.refused.builtIn", "api.chatie.io"), problem());
        type("https://mine.example:443/");
        assertEquals(Text.get("everywhere.refused.duplicate", "mine.example"), problem());
        assertEquals(4, entryTexts().size(), "nothing was added");
    }

    @Test
    void whatIsStillTypedIsAddedOnSaveAndABadOneStopsTheSave() {
        interact(() -> lookup("#settingsRegistryInput").queryAs(TextField.class).setText("ftp://x.example"));
        clickOn("#settingsSave");
        assertNull(saved.get(), "a refused entry saves nothing");
        assertTrue(lookup("#settingsProblem").queryAs(Label.class).getText().contains("ftp"));

        interact(() -> lookup("#settingsRegistryInput").queryAs(TextField.class).setText("typed.example"));
        clickOn("#settingsSave");
        assertTrue(saved.get().extraRegistries().contains("https://typed.example"), saved.get().extraRegistries().toString());
    }

    @Test
    void removedEntriesAreGoneFromTheSavedSettings() {
        List<javafx.scene.Node> removes = List.copyOf(lookup("#settingsRegistries .registry-remove").queryAll());
        clickOn(removes.get(1)); // the unreadable entry
        clickOn(lookup("#settingsRegistries .registry-remove").queryAll().iterator().next()); // mine.example
        assertEquals(2, entryTexts().size());
        clickOn("#settingsSave");
        assertEquals(List.of(), saved.get().extraRegistries());
    }

    /** Puts text in the field (robot typing is slow) and presses Enter. */
    private void type(String text) {
        interact(() -> lookup("#settingsRegistryInput").queryAs(TextField.class).setText(text));
        clickOn("#settingsRegistryInput").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String problem() {
        return lookup("#settingsRegistryProblem").queryAs(Label.class).getText();
    }

    private List<String> entryTexts() {
        return lookup("#settingsRegistries .label").queryAllAs(Label.class).stream()
                .filter(l -> !l.getText().equals(Text.get("settings.registries.builtIn"))).map(Label::getText).toList();
    }
}
