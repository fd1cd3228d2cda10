package org.tokendesk.ui.newtoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Scene;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.i18n.Text;

class NewTokenDialogTest extends ApplicationTest {
    private NewTokenDialog dialog;
    private final AtomicReference<NewTokenDialog.Made> made = new AtomicReference<>();

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
        dialog = new NewTokenDialog(stage);
        dialog.dialog().setOnHidden(e -> made.set(dialog.dialog().getResult()));
        dialog.dialog().show();
    }

    private void create() {
        ButtonType create = dialog.dialog().getDialogPane().getButtonTypes().stream()
                .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow();
        clickOn(dialog.dialog().getDialogPane().lookupButton(create));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theDefaultIsAnInsecureTokenLikeWechatyTokenGenerateMakes() {
        interact(() -> lookup("#newTokenLabel").queryAs(TextField.class).setText("  home bot "));
        create();

        assertTrue(made.get().token().reveal().matches("insecure_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                made.get().token().masked());
        assertEquals("insecure", made.get().token().sni().orElseThrow());
        assertEquals("home bot", made.get().label());
    }

    @Test
    void aProviderNameBecomesThePuppetSni() {
        interact(() -> {
            lookup("#newTokenPuppet").queryAs(RadioButton.class).setSelected(true);
            lookup("#newTokenName").queryAs(TextField.class).setText("PadLocal");
        });
        assertEquals(Text.get("sni.preview", "puppet_padlocal"), lookup("#newTokenPreview").queryAs(Label.class).getText());
        create();

        assertEquals("puppet_padlocal", made.get().token().sni().orElseThrow());
    }

    @Test
    void aBadNameKeepsTheDialogOpenWithTheReason() {
        interact(() -> {
            lookup("#newTokenPuppet").queryAs(RadioButton.class).setSelected(true);
            lookup("#newTokenName").queryAs(TextField.class).setText("pad local");
        });
        create();

        assertTrue(dialog.dialog().isShowing());
        assertFalse(lookup("#newTokenProblem").queryAs(Label.class).getText().isEmpty());
        assertEquals(null, made.get());
    }
}
