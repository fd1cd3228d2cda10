package org.tokendesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Stream;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Text;
import org.tokendesk.log.Logs;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.secrets.OsKeyring;
import org.tokendesk.store.AppHome;
import org.tokendesk.testing.Captured;
import org.tokendesk.testing.GrpcHealthServer;
import org.tokendesk.testing.OnScreen;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.Rerouted;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.RowCheck;
import org.tokendesk.ui.model.RowProbe;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.app.Services;

/**
 * The no-whole-token rule in the window, as {@link Services} assembles it for the app: known tokens
 * are pasted (several forms, a bad one, a duplicate), checked, checked everywhere (api.chatie.io and
 * the juzibot registry played on loopback), kept online at a loopback registry and probed, copied,
 * revealed, removed and put back, saved when saving fails, and the same again in Chinese. After
 * each step every text the windows show or would show at a click is scanned; at the end the log
 * file, every java.util.logging record, stdout/stderr and every file but tokens.json are scanned too.
 * The one place a token may show whole is its own cell while the user reveals it.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NoWholeTokenInWindowTest extends ApplicationTest {
    private static final Token ONLINE = Token.of("insecure_" + UUID.randomUUID());
    /** Not shaped like a modern token, with a '+': the log masks it only because the window tells it about it. */
    private static final Token ELSEWHERE = Token.of("puppet_workpro_Kq7+Zx9mT2pL+vR4nW8sYb3hJ");
    private static final Token NOWHERE = Token.of("puppet_padlocal_" + UUID.randomUUID());
    /** Only ever pasted wrongly: it never becomes a row, so only the refusal could show it. */
    private static final Token MISTYPED = Token.of("puppet_service_" + UUID.randomUUID());

    @TempDir
    Path home;

    private final Set<Token> known = new LinkedHashSet<>(List.of(ONLINE, ELSEWHERE, NOWHERE, MISTYPED));
    private Captured captured;

    private RegistryFixture chosen;
    private RegistryStub chatie;
    private RegistryStub juzibot;
    private GrpcHealthServer service;
    private Logs logs;
    private Services services;
    private boolean closed;

    @Override
    public void start(Stage stage) throws Exception {
        // A level below the app's INFO: every library's debug lines. (JavaFX's FINER traces print nodes with their text.)
        captured = Captured.start(Level.FINE);
        chosen = RegistryFixture.start();
        chatie = RegistryStub.start(8);
        juzibot = RegistryStub.start(8).register(ELSEWHERE.reveal(), "203.0.113.9", 8788);
        service = GrpcHealthServer.plaintext();
        Map<String, String> env = Map.of(AppHome.HOME_VARIABLE, home.toString(), OsKeyring.SWITCH_VARIABLE, "off",
                Registry.AUTHORITY_VARIABLE, chosen.registry().baseUrl().toString());
        logs = Logs.install(AppHome.resolve(env));
        services = Services.open(env, Rerouted.client(Map.of(Registry.CHATIE, chatie.registry(), Registry.JUZIBOT, juzibot.registry())));
        // The settings say "system": the test starts in English whatever the machine speaks.
        Text.use(Locale.ENGLISH);
        MainWindow window = services.createWindow(stage, null);
        stage.setScene(new Scene(window.view(), 1280, 860));
        stage.show();
    }

    @AfterEach
    void release() throws Exception {
        if (!closed) {
            services.close();
            logs.close();
        }
        chosen.close();
        chatie.close();
        juzibot.close();
        service.close();
        captured.close();
        Text.use(Locale.ENGLISH);
    }

    @Test
    void noFlowOfTheWindowShowsLogsOrPrintsAWholeToken() throws Exception {
        pasteSeveralFormsWithABadLineAndADuplicate();
        pasteABadLineAndADuplicateOneByOne();
        awaitChecks("first checks", ELSEWHERE, "…juzibot.com", NOWHERE, Text.get("everywhere.row.nowhere"));
        keepOnlineAndProbe();
        checkAllAndEverywhere();
        registriesTabOfEveryRow();
        copyDiagnosticsAddressesAndTokens();
        openTheContextMenu();
        revealAndHide();
        failingSave();
        keepOnlineOff();
        removeAndUndo();
        newToken();
        switchToChineseAndGoAgain();

        services.close();
        logs.close();
        closed = true;
        TokenLeaks leaks = leaks();
        leaks.assertNoneIn("stdout/stderr", captured.console());
        assertFalse(captured.logRecords().isEmpty(), "java.util.logging was captured");
        leaks.assertNoneIn("java.util.logging", String.join("\n", captured.logRecords()));
        assertTrue(Files.size(logs.currentFile()) > 0, "the log file was written");
        String tokensJson = Files.readString(home.resolve("tokens.json"));
        for (Token t : rows()) {
            assertTrue(TokenLeaks.contains(tokensJson, t), "tokens.json keeps every token (no keyring here): " + t);
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!file.equals(home.resolve("tokens.json"))) {
                    leaks.assertNoneIn(home.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    private void pasteSeveralFormsWithABadLineAndADuplicate() throws Exception {
        String paste = String.join("\n",
                "# the bots",
                "export WECHATY_PUPPET_SERVICE_TOKEN=\"" + ONLINE.reveal() + "\"",
                "WECHATY_PUPPET_SERVICE_TOKEN=" + ELSEWHERE.reveal(),
                "$env:WECHATY_PUPPET_SERVICE_TOKEN=\"" + NOWHERE.reveal() + "\"",
                "  - WECHATY_TOKEN=" + ONLINE.reveal(),
                "\"WECHATY_PUPPET_SERVICE_TOKEN\": \"" + MISTYPED.reveal() + "ｅ\",");
        interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(paste);
            Clipboard.getSystemClipboard().setContent(content);
            field("#pasteField").paste();
        });
        assertEquals(3, rows().size());
        assertTrue(message().contains("U+FF45"), message());
        assertTrue(message().contains(ONLINE.masked()), "the duplicate is named masked: " + message());
        assertScreen("multi-line paste");
    }

    private void pasteABadLineAndADuplicateOneByOne() throws Exception {
        String bad = "https://api.chatie.io/v0/hosties/" + MISTYPED.reveal();
        interact(() -> field("#pasteField").setText(bad));
        clickOn("#pasteField").type(KeyCode.ENTER);
        assertTrue(message().contains("“/”"), message());
        // The refused text stays in the field for the user to correct: it is what they just typed.
        assertEquals(bad, field("#pasteField").getText());
        assertScreenBut("refused paste", holder -> holder == field("#pasteField"));
        interact(() -> field("#pasteField").clear());

        interact(() -> field("#pasteField").setText(" " + NOWHERE.reveal() + " "));
        clickOn("#pasteField").type(KeyCode.ENTER);
        assertTrue(message().startsWith("Already in the list"), message());
        assertEquals(3, rows().size());
        assertScreen("duplicate paste");
    }

    private void keepOnlineAndProbe() throws Exception {
        select(ONLINE);
        detailTab(2);
        interact(() -> field("#keepPort").setText(Integer.toString(service.port())));
        clickOn("#keepSwitch");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row(ONLINE).keptProperty().get() != null
                && row(ONLINE).keptProperty().get().state() instanceof RegistrationState.Online);
        assertEquals(1, chosen.onlineCount());
        assertScreen("online");

        // A registry may echo the token back in anything it sends; the tab shows its state and log.
        int lines = row(ONLINE).logLinesProperty().get();
        String echo = ONLINE.reveal();
        chosen.sendToRegistrant(echo, "{\"name\":\"hostie\",\"payload\":\"" + echo + "\"}");
        chosen.sendToRegistrant(echo, "{\"name\":\"" + echo + "\",\"payload\":\"" + echo + "\"}");
        chosen.sendToRegistrant(echo, "{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + echo + "\"}}");
        chosen.sendToRegistrant(echo, "not json " + echo);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row(ONLINE).logLinesProperty().get() >= lines + 4);
        assertScreen("registry echoes");

        clickOn("#checkButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row(ONLINE).probeProperty().get() instanceof RowProbe.Probed);
        assertEquals("127.0.0.1:" + service.port(), row(ONLINE).resolved().orElseThrow().address());
        clickOn("#keepVerify");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label("#keepVerification").contains(":" + service.port()));
        detailTab(1);
        assertScreen("resolved, probed and verified");
    }

    private void checkAllAndEverywhere() throws Exception {
        int lookups = chosen.lookupCount();
        clickOn("#checkAllButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> chosen.lookupCount() >= lookups + 3);
        awaitChecks("check all", ELSEWHERE, "…juzibot.com", NOWHERE, Text.get("everywhere.row.nowhere"));
        assertScreen("check all");

        int asked = chatie.requests();
        interact(() -> table().getSelectionModel().selectAll());
        clickOn("#checkEverywhereButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> chatie.requests() >= asked + 3 && juzibot.requests() >= asked + 3);
        awaitChecks("check everywhere", ELSEWHERE, "…juzibot.com", NOWHERE, Text.get("everywhere.row.nowhere"));
        assertScreen("check everywhere");
    }

    private void registriesTabOfEveryRow() throws Exception {
        for (Token t : rows()) {
            select(t);
            detailTab(3);
            assertScreen("registries tab of " + t);
        }
    }

    private void copyDiagnosticsAddressesAndTokens() throws Exception {
        interact(() -> table().getSelectionModel().selectAll());
        interact(() -> contextItem("copyDiagnosticsItem").fire());
        String report = clipboard();
        assertTrue(report.contains(NOWHERE.masked()), report);
        leaks().assertNoneIn("copied diagnostics", report);
        assertScreen("diagnostics copied");

        interact(() -> contextItem("copyAddress").fire());
        assertEquals("127.0.0.1:" + service.port(), clipboard());
        assertScreen("address copied");

        interact(() -> contextItem("copyToken").fire());
        assertEquals(3, clipboard().lines().count(), "the clipboard is where tokens must go whole");
        interact(() -> contextItem("copyExport").fire());
        assertScreen("tokens copied");

        select(ELSEWHERE);
        detailTab(3);
        clickOn("#copyDiagnostics");
        leaks().assertNoneIn("diagnostics of one row", clipboard());
        assertScreen("one row's diagnostics copied");
    }

    private void openTheContextMenu() throws Exception {
        select(ONLINE);
        Node cell = cellOf(ONLINE, "stateColumn");
        interact(() -> table().getContextMenu().show(cell, javafx.geometry.Side.BOTTOM, 0, 0));
        assertTrue(table().getContextMenu().isShowing());
        assertScreen("context menu");
        interact(() -> table().getContextMenu().hide());
    }

    private void revealAndHide() throws Exception {
        Button reveal = revealButton(ONLINE);
        clickOn(reveal);
        TableCell<?, ?> cell = (TableCell<?, ?>) reveal.getParent();
        assertEquals(ONLINE.reveal(), cell.getText(), "revealing shows the token, by design");
        AssertionError seen = assertThrows(AssertionError.class, () -> assertScreen("the scan sees the revealed cell"));
        assertTrue(seen.getMessage().contains(ONLINE.masked()), seen.getMessage());
        assertScreenBut("one token revealed", holder -> holder == cell);
        clickOn(reveal);
        assertEquals(ONLINE.masked(), cell.getText());
        assertScreen("hidden again");
    }

    private void failingSave() throws Exception {
        Path tokens = home.resolve("tokens.json");
        Files.delete(tokens);
        Files.createDirectories(tokens.resolve("in-the-way"));
        interact(() -> row(NOWHERE).rename("shop"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message().startsWith("Could not save"));
        assertScreen("save failed");

        Files.delete(tokens.resolve("in-the-way"));
        Files.delete(tokens);
        interact(() -> row(NOWHERE).rename("shop bot"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.isRegularFile(tokens));
    }

    private void keepOnlineOff() throws Exception {
        select(ONLINE);
        detailTab(2);
        clickOn("#keepSwitch");
        RegistryFixture.await(java.time.Duration.ofSeconds(10), "offline", () -> chosen.onlineCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertScreen("offline again");
    }

    private void removeAndUndo() throws Exception {
        int before = rows().size();
        select(NOWHERE);
        clickOn("#removeButton");
        assertEquals(before - 1, rows().size());
        assertScreen("removed");
        clickOn("#messageAction");
        assertEquals(before, rows().size());
        assertScreen("put back");
    }

    private void newToken() throws Exception {
        MenuItem item = menuItem("menuNewToken");
        // The dialog waits for the user in a nested event loop: open it without waiting for it.
        Platform.runLater(item::fire);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup(".dialog-pane").tryQuery().isPresent());
        assertScreen("new token dialog");
        DialogPane pane = lookup(".dialog-pane").queryAs(DialogPane.class);
        ButtonType create = pane.getButtonTypes().stream().filter(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE)
                .findFirst().orElseThrow();
        clickOn(pane.lookupButton(create));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> rows().size() == 4);
        Token made = rows().stream().filter(t -> !known.contains(t)).findFirst().orElseThrow();
        known.add(made);
        assertTrue(message().contains(made.masked()), message());
        assertScreen("new token added");
    }

    private void switchToChineseAndGoAgain() throws Exception {
        String english = button("#checkAllButton").getText();
        interact(() -> menuItem("menuSettings").fire());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#settingsLanguage").tryQuery().isPresent());
        assertScreen("settings window");
        interact(() -> lookup("#settingsLanguage").queryAs(ComboBox.class).getSelectionModel().select("zh_CN"));
        clickOn("#settingsSave");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Text.get("ui.checkAll"), button("#checkAllButton").getText());
        assertNotEquals(english, button("#checkAllButton").getText(), "the window speaks Chinese now");
        assertScreen("in Chinese");

        interact(() -> field("#pasteField").setText(ELSEWHERE.reveal()));
        clickOn("#pasteField").type(KeyCode.ENTER);
        assertTrue(message().contains(ELSEWHERE.masked()), message());
        assertScreen("duplicate, in Chinese");

        interact(() -> field("#pasteField").setText("WECHATY_PUPPET_SERVICE_TOKEN=\"" + MISTYPED.reveal()));
        clickOn("#pasteField").type(KeyCode.ENTER);
        assertScreenBut("refused, in Chinese", holder -> holder == field("#pasteField"));
        interact(() -> field("#pasteField").clear());

        for (Token t : rows()) {
            select(t);
            for (int tab = 0; tab < 4; tab++) {
                detailTab(tab);
            }
            assertScreen("rows in Chinese: " + t);
        }
        revealAndHide();
        removeAndUndo();
        interact(() -> table().getSelectionModel().selectAll());
        interact(() -> contextItem("copyDiagnosticsItem").fire());
        leaks().assertNoneIn("copied diagnostics, in Chinese", clipboard());
        assertScreen("diagnostics copied, in Chinese");
    }

    /** Waits until every row has its check back and each named row's state shows the given words. */
    private void awaitChecks(String when, Token first, String firstShows, Token second, String secondShows) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rowsNow().stream().allMatch(r -> r.check() instanceof RowCheck.Checked)
                    && hint(first).contains(firstShows) && hint(second).equals(secondShows));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(when + ": " + hint(first) + " / " + hint(second), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String hint(Token t) {
        TokenRow r = row(t);
        return r.hintProperty().get() == null ? "" : r.hintProperty().get().text();
    }

    private void assertScreen(String when) throws Exception {
        assertScreenBut(when, holder -> false);
    }

    /** Every text on screen but what {@code exempt} holds; fails naming the node and the token masked. */
    private void assertScreenBut(String when, Predicate<Object> exempt) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        List<OnScreen.Seen> seen = fx(() -> OnScreen.everythingBut(exempt));
        assertTrue(seen.size() > 50, when + ": the walk found the window's text");
        TokenLeaks leaks = leaks();
        for (OnScreen.Seen s : seen) {
            leaks.assertNoneIn(when + ": " + s.where(), s.text());
        }
    }

    private TokenLeaks leaks() {
        Set<Token> all = new LinkedHashSet<>(known);
        all.addAll(rows());
        return TokenLeaks.of(all);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private TableView<TokenRow> table() {
        return (TableView<TokenRow>) lookup("#tokenTable").queryAs(TableView.class);
    }

    private List<TokenRow> rowsNow() {
        return List.copyOf(table().getItems());
    }

    private List<Token> rows() {
        return rowsNow().stream().map(TokenRow::token).toList();
    }

    private TokenRow row(Token t) {
        return rowsNow().stream().filter(r -> r.token().equals(t)).findFirst().orElseThrow(() -> new AssertionError("no row for " + t));
    }

    private void select(Token t) {
        interact(() -> {
            table().getSelectionModel().clearSelection();
            table().getSelectionModel().select(row(t));
        });
    }

    private void detailTab(int index) {
        interact(() -> lookup("#detailPane .tab-pane").queryAs(TabPane.class).getSelectionModel().select(index));
    }

    private TextField field(String id) {
        return lookup(id).queryAs(TextField.class);
    }

    private Button button(String id) {
        return lookup(id).queryAs(Button.class);
    }

    private String label(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    private String message() {
        return label("#messageText");
    }

    private String clipboard() throws Exception {
        return fx(() -> Clipboard.getSystemClipboard().getString());
    }

    private MenuItem contextItem(String id) {
        return table().getContextMenu().getItems().stream().filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no context menu item " + id));
    }

    private MenuItem menuItem(String id) {
        return lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow(() -> new AssertionError("no menu item " + id));
    }

    private Node cellOf(Token t, String columnId) {
        return lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> !c.isEmpty() && c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId())
                        && c.getTableRow() != null && c.getTableRow().getItem() == row(t))
                .findFirst().orElseThrow(() -> new AssertionError("no " + columnId + " cell for " + t));
    }

    private Button revealButton(Token t) {
        return lookup(".reveal-button").queryAllAs(Button.class).stream()
                .filter(b -> b.getParent() instanceof TableCell<?, ?> c && !c.isEmpty() && c.getTableRow() != null
                        && c.getTableRow().getItem() == row(t))
                .findFirst().orElseThrow(() -> new AssertionError("no reveal button for " + t));
    }
}
