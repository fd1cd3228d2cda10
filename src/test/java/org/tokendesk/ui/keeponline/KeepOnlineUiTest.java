package org.tokendesk.ui.keeponline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import atlantafx.base.controls.ToggleSwitch;

import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.registration.Timing;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.testing.TokenListFixture;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/** The keep-online switch as a user flips it: the row goes online at a real (loopback) registry. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeepOnlineUiTest extends ApplicationTest {
    private static final String TOKEN = "insecure_0f6e7a3c-aaaa-4bbb-8ccc-123456789abc";

    private RegistryFixture registry;
    private TokenListFixture list;
    private TokenListModel model;
    private MainWindow window;
    private final List<List<SavedToken>> saves = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) {
        registry = RegistryFixture.start();
        list = TokenListFixture.open(Http.newClient(Http.Timeouts.DISCOVERY), registry.registry(),
                Timing.DEFAULT.withHandshakeTimeout(Duration.ofSeconds(3)), saves::add);
        model = list.model();
        window = new MainWindow(model, r -> { });
        window.detail().addTab(new KeepOnlineSection(model, window.detail().selection()));
        stage.setScene(new Scene(window.view(), 1100, 700));
        stage.show();
    }

    @AfterEach
    void close() {
        list.close();
        registry.close();
    }

    @Test
    void theSwitchInTheRowTakesTheTokenOnlineAndOffAgain() throws Exception {
        interact(() -> model.add(TOKEN));
        TokenRow row = model.rows().get(0);

        clickOn(rowSwitch());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> online(row));
        assertEquals(1, registry.onlineCount());
        assertTrue(saves.get(saves.size() - 1).get(0).keepOnline(), "the switch is saved");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(rowLabels().stream().anyMatch(t -> t.startsWith("online")), rowLabels().toString());

        clickOn(rowSwitch());
        RegistryFixture.await(Duration.ofSeconds(10), "closed", () -> registry.onlineCount() == 0);
        assertFalse(saves.get(saves.size() - 1).get(0).keepOnline());
    }

    @Test
    void theDetailTabTakesAPortVerifiesTheRoundTripAndChecksTheLocalService() throws Exception {
        try (ServerSocket service = new ServerSocket(0)) {
            interact(() -> model.add(TOKEN));
            TokenRow row = model.rows().get(0);
            interact(() -> lookup("#tokenTable").queryTableView().getSelectionModel().select(0));
            interact(() -> window.detail().select(1));
            interact(() -> lookup("#keepPort").queryAs(TextField.class).setText(Integer.toString(service.getLocalPort())));
            clickOn("#keepSwitch");

            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> online(row));
            assertEquals(service.getLocalPort(), row.port());
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                    () -> label("#keepVerification").startsWith("verified: resolves to") && label("#keepLocal").startsWith("a service listens"));
            assertTrue(label("#keepVerification").endsWith(":" + service.getLocalPort()), label("#keepVerification"));
            assertTrue(label("#keepState").startsWith("online since"), label("#keepState"));
        }
    }

    @Test
    void aBadPortIsRefusedAndNothingGoesOnline() {
        interact(() -> model.add(TOKEN));
        interact(() -> lookup("#tokenTable").queryTableView().getSelectionModel().select(0));
        interact(() -> window.detail().select(1));
        interact(() -> lookup("#keepPort").queryAs(TextField.class).setText("70000"));
        clickOn("#keepSwitch");

        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Text.get("keep.port.invalid"), label("#keepPortProblem"));
        assertFalse(model.rows().get(0).keepOnline());
        assertFalse(lookup("#keepSwitch").queryAs(ToggleSwitch.class).isSelected());
        assertEquals(0, registry.attemptCount());
    }

    @Test
    void aRejectedTokenSaysSoInTheRow() throws Exception {
        registry.refuse(TOKEN, 401);
        interact(() -> model.add(TOKEN));
        TokenRow row = model.rows().get(0);
        interact(() -> model.setKeepOnline(row, true, 8788));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> row.keptProperty().get() != null && row.keptProperty().get().state() instanceof RegistrationState.Rejected);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(rowLabels().contains("rejected (401)"), rowLabels().toString());
    }

    private static boolean online(TokenRow row) {
        return row.keptProperty().get() != null && row.keptProperty().get().state() instanceof RegistrationState.Online;
    }

    private Node rowSwitch() {
        return lookup(".table-row-cell .online-toggle").query();
    }

    private List<String> rowLabels() {
        return lookup(".table-row-cell .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private String label(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }
}
