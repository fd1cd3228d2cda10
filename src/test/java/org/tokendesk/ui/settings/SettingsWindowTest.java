package org.tokendesk.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.i18n.Text;
import org.tokendesk.store.Settings;

class SettingsWindowTest extends ApplicationTest {
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
        window = new SettingsWindow(stage, Settings.defaults(Map.of()), saved::set);
        window.show();
    }

    @Test
    void aRegistryWithASpaceInsideIsRefusedAndNothingIsSaved() {
        interact(() -> lookup("#settingsRegistry").queryAs(TextField.class).setText("api.chatie .io"));
        clickOn("#settingsSave");
        WaitForAsyncUtils.waitForFxEvents();

        assertNull(saved.get());
        assertTrue(lookup("#settingsProblem").queryAs(Label.class).getText().contains("space"));
        assertTrue(window.stage().isShowing(), "the window stays open for correction");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        interact(() -> lookup("#settingsPort").queryAs(Spinner.class).getEditor().setText("70000"));
        clickOn("#settingsSave");
        WaitForAsyncUtils.waitForFxEvents();

        assertNull(saved.get());
        assertEquals(Text.get("settings.port.invalid"), lookup("#settingsProblem").queryAs(Label.class).getText());
    }

    @Test
    void validSettingsAreSavedTrimmedAndNormalised() {
        interact(() -> {
            lookup("#settingsRegistry").queryAs(TextField.class).setText("  http://192.168.1.5:8080/  ");
            lookup("#settingsPort").queryAs(Spinner.class).getEditor().setText("9001");
            lookup("#settingsConcurrency").queryAs(Spinner.class).getEditor().setText("4");
        });
        clickOn("#settingsSave");
        WaitForAsyncUtils.waitForFxEvents();

        Settings s = saved.get();
        assertEquals("http://192.168.1.5:8080", s.registry());
        assertEquals(9001, s.defaultPort());
        assertEquals(4, s.concurrency());
        assertTrue(!window.stage().isShowing());
    }

    @Test
    void theScheduleIsOffByDefaultExceptForTokensKeptOnlineAndIsSavedAsChosen() {
        @SuppressWarnings("unchecked")
        ComboBox<Integer> every = lookup("#settingsCheckEvery").queryAs(ComboBox.class);
        CheckBox kept = lookup("#settingsCheckKeptOnline").queryAs(CheckBox.class);
        assertEquals(0, every.getValue());
        assertEquals("Off", every.getConverter().toString(0));
        assertEquals("1 minute", every.getConverter().toString(1));
        assertEquals("15 minutes", every.getConverter().toString(15));
        assertTrue(kept.isSelected());
        @SuppressWarnings("unchecked")
        ComboBox<Integer> alert = lookup("#settingsAlertAfter").queryAs(ComboBox.class);
        assertEquals(5, alert.getValue());
        assertEquals("Never", alert.getConverter().toString(0));
        interact(() -> {
            every.getSelectionModel().select(Integer.valueOf(15));
            kept.setSelected(false);
            alert.getSelectionModel().select(Integer.valueOf(0));
        });
        clickOn("#settingsSave");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(15, saved.get().checkEveryMinutes());
        assertFalse(saved.get().checkKeptOnline());
        assertEquals(0, saved.get().alertAfterMinutes());
    }
}
