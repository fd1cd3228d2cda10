package org.tokendesk.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;


import org.tokendesk.discovery.Lookup;
import org.tokendesk.i18n.Text;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenListFixture;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.RowCheck;

/** The token list as a user drives it: paste, see the state, refuse garbage, remove and undo. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MainWindowTest extends ApplicationTest {
    private static final String KNOWN = "puppet_padlocal_5c0c4c34-1234-4abc-9def-0123456789ab";
    private static final String UNKNOWN = "insecure_0f6e7a3c-aaaa-4bbb-8ccc-123456789abc";

    private RegistryStub registry;
    private final List<List<SavedToken>> saves = new CopyOnWriteArrayList<>();
    private TokenListFixture list;
    private TokenListModel model;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) throws Exception {
        registry = RegistryStub.start().register(KNOWN, "203.0.113.7", 8788);
        list = TokenListFixture.open(registry.registry(), saves::add);
        model = list.model();
        MainWindow window = new MainWindow(model, r -> { });
        stage.setScene(new Scene(window.view(), 1000, 600));
        stage.show();
    }

    @AfterEach
    void closeServers() {
        list.close();
        registry.close();
    }

    @Test
    void pastedTokenIsCheckedAndShowsWhereItResolves() throws Exception {
        enter("export WECHATY_PUPPET_SERVICE_TOKEN=\"" + KNOWN + "\"");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.rows().size() == 1
                && model.rows().get(0).check() instanceof RowCheck.Checked);
        TokenRow row = model.rows().get(0);
        assertEquals(KNOWN, row.token().reveal());
        Lookup.Resolved resolved = row.resolved().orElseThrow();
        assertEquals("203.0.113.7:8788", resolved.address());
        assertTrue(cellTexts().stream().anyMatch(t -> t.contains("203.0.113.7:8788")), "the table shows host:port");
        assertTrue(cellTexts().stream().noneMatch(t -> t.contains(KNOWN)), "the token shows masked");
        assertEquals("", lookup("#pasteField").queryAs(TextField.class).getText());
        assertEquals(KNOWN, saves.get(saves.size() - 1).get(0).token().reveal(), "the new token was saved");
    }

    @Test
    void unregisteredTokenSaysSo() throws Exception {
        enter(UNKNOWN);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.rows().isEmpty()
                && model.rows().get(0).check() instanceof RowCheck.Checked);
        assertTrue(cellTexts().contains(Text.get("lookup.notRegistered.status", "404")), cellTexts().toString());
    }

    @Test
    void garbageGetsAMessageAndAddsNothing() {
        clickOn("#pasteField").write("https://api.chatie.io/v0/hosties/abc").type(KeyCode.ENTER);

        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.rows().isEmpty());
        String message = lookup("#messageText").queryAs(Label.class).getText();
        assertTrue(message.contains("“/”"), message);
        assertTrue(saves.isEmpty(), "nothing was saved");
        assertEquals("https://api.chatie.io/v0/hosties/abc", lookup("#pasteField").queryAs(TextField.class).getText(),
                "the refused text stays for correction");
    }

    @Test
    void duplicateIsPointedOutNotAddedTwice() throws Exception {
        interact(() -> model.add(KNOWN));
        enter(KNOWN);

        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, model.rows().size());
        assertTrue(lookup("#messageText").queryAs(Label.class).getText().startsWith("Already in the list"));
    }

    @Test
    void deleteKeyRemovesTheRowAndUndoBringsItBack() throws Exception {
        interact(() -> model.add(KNOWN + "\n" + UNKNOWN));
        TableView<?> table = lookup("#tokenTable").queryTableView();
        interact(() -> {
            table.getSelectionModel().clearAndSelect(0);
            table.requestFocus();
        });
        Object first = table.getItems().get(0);
        type(KeyCode.DELETE);

        assertEquals(1, model.rows().size());
        assertFalse(model.rows().contains(first));
        assertEquals(1, saves.get(saves.size() - 1).size(), "the removal was saved");

        clickOn("#messageAction");
        assertEquals(2, model.rows().size());
        assertEquals(first, model.rows().get(0), "undo puts the row back where it was");
        assertEquals(2, saves.get(saves.size() - 1).size());
    }

    /** Puts the text in the paste field as a paste would (typing 90 characters takes the robot seconds) and presses Enter. */
    private void enter(String text) {
        interact(() -> lookup("#pasteField").queryAs(TextField.class).setText(text));
        clickOn("#pasteField").type(KeyCode.ENTER);
    }

    private List<String> cellTexts() {
        return lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .map(c -> c.getText() == null ? "" : c.getText()).toList();
    }
}
