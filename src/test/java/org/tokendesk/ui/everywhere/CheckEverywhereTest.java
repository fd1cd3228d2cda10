package org.tokendesk.ui.everywhere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.everywhere.Verdict;
import org.tokendesk.i18n.Text;
import org.tokendesk.registration.Timing;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.Rerouted;
import org.tokendesk.testing.TokenListFixture;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.RowCheck;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * The window's check everywhere, with api.chatie.io (the registry the SDK asks) and the juzibot
 * registry played by two loopback registries that know different tokens.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckEverywhereTest extends ApplicationTest {
    private static final String AT_JUZIBOT = "puppet_workpro_5c0c4c34-1234-4abc-9def-0123456789ab";
    private static final String NOWHERE = "insecure_0f6e7a3c-aaaa-4bbb-8ccc-123456789abc";
    private static final String AT_BOTH = "insecure_7d1e2f3a-bbbb-4ccc-8ddd-abcdefabcdef";
    private static final int MAX_LOOKUPS = 3;

    private RegistryStub chatie;
    private RegistryStub juzibot;
    private TokenListFixture list;
    private TokenListModel model;
    private CheckEverywhere everywhere;
    private MainWindow window;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) throws Exception {
        chatie = RegistryStub.start().register(AT_BOTH, "198.51.100.4", 8788);
        juzibot = RegistryStub.start().register(AT_JUZIBOT, "203.0.113.9", 8788).register(AT_BOTH, "198.51.100.4", 8788);
        OkHttpClient http = Rerouted.client(Map.of(Registry.CHATIE, chatie.registry(), Registry.JUZIBOT, juzibot.registry()));
        list = TokenListFixture.open(http, Registry.CHATIE, Timing.DEFAULT, saved -> { });
        model = list.model();
        everywhere = new CheckEverywhere(model, new DiscoveryClient(http, MAX_LOOKUPS), MAX_LOOKUPS,
                RegistryList::builtInOnly, chosen -> RegistryList.builtInOnly().toAsk(chosen));
        window = new MainWindow(model, r -> { });
        everywhere.install(window);
        stage.setScene(new Scene(window.view(), 1200, 760));
        stage.show();
    }

    @AfterEach
    void close() {
        everywhere.close();
        list.close();
        chatie.close();
        juzibot.close();
    }

    @Test
    void aTokenNotRegisteredHereIsFoundAtTheOtherRegistryAndTheFixCanBeCopied() throws Exception {
        TokenRow row = add(AT_JUZIBOT);
        RowSweep.Done done = done(row);

        Verdict.RegisteredElsewhere verdict = assertInstanceOf(Verdict.RegisteredElsewhere.class, done.sweep().verdict());
        assertEquals(Registry.JUZIBOT, verdict.at().registry());
        assertEquals(1, chatie.requests(), "the follow-up reused the row's own answer from api.chatie.io");
        assertTrue(stateCellTexts().contains("not here · found at …juzibot.com"),
                stateCellTexts().toString());

        showRegistriesTab(row);
        assertEquals("Registered at token-service-discovery-test.juzibot.com, not at api.chatie.io.", text("#everywhereVerdict"));
        String answers = lookup("#everywhereAnswers .label").queryAllAs(Label.class).stream().map(Label::getText)
                .collect(Collectors.joining("\n"));
        assertTrue(answers.contains("resolves → 203.0.113.9:8788"), answers);
        assertTrue(answers.contains(Text.get("lookup.notRegistered.status", "404")), answers);

        String authority = "token-service-discovery-test.juzibot.com";
        assertEquals("export WECHATY_PUPPET_SERVICE_AUTHORITY=\"" + authority + "\"", copied("#fixKindSHELL"));
        assertEquals("set WECHATY_PUPPET_SERVICE_AUTHORITY=" + authority, copied("#fixKindCMD"));
        assertEquals("$env:WECHATY_PUPPET_SERVICE_AUTHORITY=\"" + authority + "\"", copied("#fixKindPOWERSHELL"));
        assertEquals("WECHATY_PUPPET_SERVICE_AUTHORITY=" + authority, copied("#fixKindDOTENV"));
        assertTrue(copied("#fixKindNODE").contains("authority: '" + authority + "',"));
        assertTrue(copied("#fixKindGO").contains("os.Setenv(\"WECHATY_PUPPET_SERVICE_AUTHORITY\", \"" + authority + "\")"));
        String python = copied("#fixKindPYTHON");
        assertTrue(python.contains("requests.get('https://" + authority + "/v0/hosties/'"), python);
        assertFalse(python.contains(AT_JUZIBOT), "no snippet holds the token");
        assertEquals("Copied: Python (python-wechaty)", text("#fixCopied"));
    }

    @Test
    void diagnosticsAreCopiedWithEveryTokenMasked() throws Exception {
        TokenRow row = add(AT_JUZIBOT);
        done(row);
        showRegistriesTab(row);

        clickOn("#copyDiagnostics");
        String report = clipboard();
        assertTrue(report.contains(row.token().masked()), report);
        assertTrue(report.contains("WECHATY_PUPPET_SERVICE_AUTHORITY=token-service-discovery-test.juzibot.com"), report);
        assertFalse(report.contains(AT_JUZIBOT), "the whole token is not in the report");
        assertFalse(report.contains("5c0c4c34-1234-4abc-9def-0123456789ab"), "nor its UUID part");
        assertFalse(report.contains("203.0.113.9"), "public addresses are shortened for posting");
        // Nothing on screen in the tab shows the token either.
        assertTrue(lookup("#registriesTab .label").queryAllAs(Label.class).stream()
                .noneMatch(l -> l.getText() != null && l.getText().contains("0123456789ab")));
    }

    @Test
    void registeredNowhereSaysSoAndWhatItUsuallyMeans() throws Exception {
        TokenRow row = add(NOWHERE);
        done(row);

        assertTrue(stateCellTexts().contains("not registered anywhere"), stateCellTexts().toString());
        showRegistriesTab(row);
        assertEquals(Text.get("everywhere.verdict.nowhere", 2, "api.chatie.io and token-service-discovery-test.juzibot.com"),
                text("#everywhereVerdict"));
        assertTrue(lookup("#everywhereExplanation .label").queryAs(Label.class).getText().contains("expired"));
        assertFalse(lookup("#fixView").query().isVisible(), "nothing to set");
    }

    @Test
    void checkEverywhereAsksEveryRegistryEvenWhenTheChosenOneKnowsTheToken() throws Exception {
        TokenRow row = add(AT_BOTH);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row.check() instanceof RowCheck.Checked);
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(RowSweep.None.class, everywhere.sweepOf(row).get(), "a token fine where the SDK asks is not followed up");
        assertEquals(0, juzibot.requests());

        interact(() -> {
            TableView<TokenRow> table = window.table();
            table.getSelectionModel().clearAndSelect(0);
        });
        clickOn("#checkEverywhereButton");
        RowSweep.Done done = done(row);

        Verdict.FineAtChosen fine = assertInstanceOf(Verdict.FineAtChosen.class, done.sweep().verdict());
        assertEquals(List.of(Registry.JUZIBOT), fine.alsoAt());
        assertEquals(2, chatie.requests(), "the button checks the chosen registry again");
        assertNull(row.hintProperty().get(), "the row's own state already says it resolves");
    }

    @Test
    void followUpsOfAWholeListRunAFewAtATime() throws Exception {
        juzibot.stall();
        StringBuilder paste = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            paste.append(String.format("insecure_0f6e7a3c-aaaa-4bbb-8ccc-%012d%n", i));
        }
        interact(() -> model.add(paste.toString()));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> juzibot.stalledNow() == MAX_LOOKUPS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.rows().stream().allMatch(r -> r.check() instanceof RowCheck.Checked));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300); // room for any extra sweep to show up at the stalled registry
        assertEquals(MAX_LOOKUPS, juzibot.requests(), "no more sweeps than lookup slots, the rest wait their turn");
        assertEquals(40, chatie.requests(), "the list's own checks are not held up by the sweeps");
        long queued = model.rows().stream().filter(r -> everywhere.sweepOf(r).get() instanceof RowSweep.Queued).count();
        assertEquals(40 - MAX_LOOKUPS, queued);
    }

    @Test
    void theRowTheUserLooksAtIsAskedNext() throws Exception {
        juzibot.stall();
        StringBuilder paste = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            paste.append(String.format("insecure_0f6e7a3c-aaaa-4bbb-8ccc-%012d%n", i));
        }
        interact(() -> model.add(paste.toString()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> juzibot.stalledNow() == MAX_LOOKUPS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.rows().stream()
                .filter(r -> everywhere.sweepOf(r).get() instanceof RowSweep.Queued).count() == 8 - MAX_LOOKUPS);
        TokenRow looked = model.rows().stream().filter(r -> everywhere.sweepOf(r).get() instanceof RowSweep.Queued)
                .reduce((a, b) -> b).orElseThrow();
        List<TokenRow> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        interact(() -> {
            for (TokenRow r : model.rows()) {
                everywhere.sweepOf(r).addListener((o, was, now) -> {
                    if (now instanceof RowSweep.Running && !(was instanceof RowSweep.Running)) {
                        started.add(r);
                    }
                });
            }
            window.table().getSelectionModel().clearAndSelect(window.table().getItems().indexOf(looked));
        });

        juzibot.release();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.rows().stream()
                .allMatch(r -> everywhere.sweepOf(r).get() instanceof RowSweep.Done));
        assertEquals(looked, started.get(0), "the last in the queue went first once the user selected it");
        assertEquals(8 - MAX_LOOKUPS, started.size(), "and ran once");
    }

    private TokenRow add(String token) throws Exception {
        interact(() -> model.add(token));
        return model.rows().get(model.rows().size() - 1);
    }

    private RowSweep.Done done(TokenRow row) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> everywhere.sweepOf(row).get() instanceof RowSweep.Done);
        WaitForAsyncUtils.waitForFxEvents();
        return (RowSweep.Done) everywhere.sweepOf(row).get();
    }

    private void showRegistriesTab(TokenRow row) {
        interact(() -> {
            window.table().getSelectionModel().clearAndSelect(window.table().getItems().indexOf(row));
            TabPane tabs = lookup("#detailPane .tab-pane").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(t -> t.getText().equals(Text.get("everywhere.ui.tab"))).findFirst().orElseThrow());
        });
    }

    /** Picks a kind of fix, presses Copy and reads the clipboard; it must match the text shown. */
    private String copied(String kindButton) {
        clickOn(kindButton);
        clickOn("#fixCopy");
        String clip = clipboard();
        assertEquals(lookup("#fixText").queryAs(TextArea.class).getText(), clip);
        return clip;
    }

    private String clipboard() {
        WaitForAsyncUtils.waitForFxEvents();
        String[] text = new String[1];
        interact(() -> text[0] = Clipboard.getSystemClipboard().getString());
        return text[0];
    }

    private String text(String query) {
        return lookup(query).queryAs(Label.class).getText();
    }

    private List<String> stateCellTexts() {
        return lookup("#stateColumn").queryAll().isEmpty() ? List.of()
                : lookup(".table-cell").queryAllAs(TableCell.class).stream()
                        .map(c -> c.getText() == null ? "" : c.getText()).toList();
    }
}
