package org.tokendesk.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.i18n.RegistryCaWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.CaFile;
import org.tokendesk.registry.tls.Pem;
import org.tokendesk.store.Settings;
import org.tokendesk.testing.TestPki;

/** Settings → a CA file for the main registry and for each of the user's registries: chosen, checked off the JavaFX thread, cleared. */
class RegistryCaChoiceTest extends ApplicationTest {
    private static final String LAB = "https://lab.example:8443";
    private final AtomicReference<Settings> saved = new AtomicReference<>();
    @TempDir
    static Path dir;
    private static Path labCa;
    private static Path homeCa;

    @BeforeAll
    static void files() throws Exception {
        Text.use(Locale.ENGLISH);
        labCa = Files.writeString(dir.resolve("lab-ca.pem"), Pem.certificates(TestPki.newCa("Lab CA").caCertificate()));
        homeCa = Files.writeString(dir.resolve("home-ca.pem"), Pem.certificates(TestPki.newCa("Home CA").caCertificate()));
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
        Settings current = new Settings("https://home.example", List.of(LAB), 8788, 16, "system", "system", false)
                .withRegistryCaFiles(Map.of(LAB, labCa.toString()));
        SettingsWindow window = new SettingsWindow(stage, current, saved::set);
        window.show();
    }

    private CaChoice choice(String id) {
        return (CaChoice) lookup("#" + id).queryAs(Button.class).getUserData();
    }

    private String problem() {
        return lookup("#settingsProblem").queryAs(Label.class).getText();
    }

    private void choose(String id, Path file) {
        interact(() -> choice(id).choose(file));
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> choice(id).pending().map(p -> !p.equals(Text.get("settings.ca.checking"))).orElse(true));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the CA file was not checked in 10 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theSavedFileIsShownAndKeptAndTheMainRegistryGetsOne() {
        assertEquals(Text.get("settings.ca.chosen", "lab-ca.pem"), lookup("#settingsRegistryCa0").queryAs(Button.class).getText());
        assertEquals(Text.get("settings.ca.choose"), lookup("#settingsRegistryCa").queryAs(Button.class).getText());
        choose("settingsRegistryCa", homeCa);
        assertEquals(Text.get("settings.ca.chosen", "home-ca.pem"), lookup("#settingsRegistryCa").queryAs(Button.class).getText());
        assertEquals("", problem());
        clickOn("#settingsSave");
        assertEquals(Map.of(LAB, labCa.toString(), "https://home.example", homeCa.toAbsolutePath().toString()), saved.get().registryCaFiles());
    }

    @Test
    void aFileThatIsNoCertificateOrMissingIsRefusedWithWhyAndNothingIsSaved() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        choose("settingsRegistryCa", notes);
        assertEquals(Text.get("settings.ca.invalid", "home.example",
                RegistryCaWords.of(CaFile.Problem.NOT_A_CERTIFICATE, notes.toAbsolutePath().toString())), problem());
        assertEquals(Text.get("settings.ca.choose"), lookup("#settingsRegistryCa").queryAs(Button.class).getText(), "the earlier choice stays");
        clickOn("#settingsSave");
        assertNull(saved.get(), "a refused CA file saves nothing");

        Path missing = dir.resolve("gone.pem");
        choose("settingsRegistryCa0", missing);
        assertTrue(problem().contains(RegistryCaWords.of(CaFile.Problem.MISSING, missing.toAbsolutePath().toString())), problem());
        assertEquals(Text.get("settings.ca.chosen", "lab-ca.pem"), lookup("#settingsRegistryCa0").queryAs(Button.class).getText());

        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        choose("settingsRegistryCa0", folder);
        assertTrue(problem().contains(RegistryCaWords.of(CaFile.Problem.UNREADABLE, folder.toAbsolutePath().toString())), problem());

        // Clearing the refused choices lets the rest save, without the cleared CA.
        clickOn("#settingsRegistryCa0Clear");
        interact(() -> choice("settingsRegistryCa").clear());
        clickOn("#settingsSave");
        assertEquals(Map.of(), saved.get().registryCaFiles());
    }

    @Test
    void removingARegistryDropsItsCaFile() {
        clickOn(lookup("#settingsRegistries .registry-remove").queryAll().iterator().next());
        clickOn("#settingsSave");
        assertEquals(List.of(), saved.get().extraRegistries());
        assertFalse(saved.get().registryCaFiles().containsKey(LAB));
    }
}
