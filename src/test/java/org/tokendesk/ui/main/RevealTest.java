package org.tokendesk.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;


import org.tokendesk.i18n.Text;
import org.tokendesk.testing.OnScreen;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.testing.TokenListFixture;
import org.tokendesk.token.Token;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.model.TokenListModel;

/** The reveal button shows one token whole, in its own cell only, and for a short time only. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RevealTest extends ApplicationTest {
    // Long enough that two clicks and a sort fit inside it on a loaded machine (2 cores shared with other builds).
    private static final Duration REVEAL = Duration.millis(2500);
    private static final Token ZETA = Token.of("puppet_padlocal_5c0c4c34-1234-4abc-9def-0123456789ab");
    private static final Token ALPHA = Token.of("insecure_0f6e7a3c-aaaa-4bbb-8ccc-123456789abc");
    private static final TokenLeaks LEAKS = TokenLeaks.of(ZETA, ALPHA);

    private RegistryStub registry;
    private TokenListFixture list;
    private TokenListModel model;
    private TableView<TokenRow> table;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) throws Exception {
        registry = RegistryStub.start(4);
        list = TokenListFixture.open(registry.registry(), saved -> { });
        model = list.model();
        MainWindow window = new MainWindow(model, r -> { }, REVEAL);
        table = window.table();
        stage.setScene(new Scene(window.view(), 1000, 600));
        stage.show();
    }

    @AfterEach
    void close() {
        list.close();
        registry.close();
    }

    @Test
    void aRevealedTokenShowsOnlyInItsCellAndHidesItselfAgain() throws Exception {
        interact(() -> {
            model.add(ZETA.reveal() + "\n" + ALPHA.reveal());
            model.rows().get(0).rename("zeta");
            model.rows().get(1).rename("alpha");
        });

        clickOn(revealButton(0));
        TableCell<?, ?> cell = (TableCell<?, ?>) revealButton(0).getParent();
        assertEquals(ZETA.reveal(), cell.getText());
        assertEquals(Text.get("ui.token.hide"), revealButton(0).getText());
        assertNothingShowsATokenBut(cell);

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.rows().get(0).revealedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ZETA.masked(), cell.getText());
        assertNothingShowsATokenBut(null);
    }

    @Test
    void theHideButtonHidesAtOnce() throws Exception {
        interact(() -> model.add(ZETA.reveal()));

        clickOn(revealButton(0));
        assertTrue(model.rows().get(0).revealedProperty().get());
        clickOn(revealButton(0));
        assertFalse(model.rows().get(0).revealedProperty().get());
        assertNothingShowsATokenBut(null);
    }

    @Test
    void aTokenRevealedBeforeTheTableWasSortedStillHidesItself() throws Exception {
        interact(() -> {
            model.add(ZETA.reveal() + "\n" + ALPHA.reveal());
            model.rows().get(0).rename("zeta");
            model.rows().get(1).rename("alpha");
        });
        clickOn(revealButton(0));

        // Sorted by label, the first cell now shows the other row; the user reveals that one too.
        TableColumn<TokenRow, ?> label = table.getColumns().get(0);
        interact(() -> table.getSortOrder().setAll(List.of(label)));
        assertEquals("alpha", table.getItems().get(0).label());
        clickOn(revealButton(0));
        assertTrue(model.rows().stream().allMatch(r -> r.revealedProperty().get()), "both revealed");

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> model.rows().stream().noneMatch(r -> r.revealedProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertNothingShowsATokenBut(null);
    }

    private Button revealButton(int index) {
        return lookup(".reveal-button").queryAllAs(Button.class).stream()
                .filter(b -> b.getParent() instanceof TableCell<?, ?> c && !c.isEmpty() && c.getIndex() == index)
                .findFirst().orElseThrow(() -> new AssertionError("no reveal button in row " + index));
    }

    private void assertNothingShowsATokenBut(TableCell<?, ?> revealed) throws Exception {
        List<OnScreen.Seen> seen = WaitForAsyncUtils.asyncFx(() -> OnScreen.everythingBut(holder -> holder == revealed)).get(5, TimeUnit.SECONDS);
        assertFalse(seen.isEmpty());
        for (OnScreen.Seen s : seen) {
            LEAKS.assertNoneIn(s.where(), s.text());
        }
    }
}
