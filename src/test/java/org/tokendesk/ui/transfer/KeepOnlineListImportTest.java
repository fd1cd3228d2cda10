package org.tokendesk.ui.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.net.Workers;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.Timing;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.token.Token;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.TokenListModel;

/**
 * File → Keep online from a list: a provider's TOKEN=PORT file switches every good line on with
 * its port, against a real loopback registry; the list is saved once; bad lines are named by line,
 * masked, and change nothing.
 */
class KeepOnlineListImportTest extends ApplicationTest {
    private static final String LISTED = "insecure_11111111-aaaa-4bbb-8ccc-000000000001";
    private static final String NEW = "puppet_padlocal_22222222-aaaa-4bbb-8ccc-000000000002";
    private static final String BAD_PORT = "puppet_workpro_33333333-aaaa-4bbb-8ccc-000000000003";

    @TempDir
    Path dir;
    private final List<List<SavedToken>> saves = new CopyOnWriteArrayList<>();
    private RegistryFixture registry;
    private OkHttpClient http;
    private DiscoveryClient discovery;
    private KeepOnline engine;
    private TokenListModel model;
    private TokenTransfer transfer;
    private MainWindow window;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) {
        registry = RegistryFixture.start();
        http = Http.newClient(new Http.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4)));
        discovery = new DiscoveryClient(http, 2);
        engine = new KeepOnline(discovery, Timing.DEFAULT);
        model = new TokenListModel(discovery, engine, new Probe(http, ProbeConfig.defaults(), 1), registry.registry(), 8788,
                saves::add, Clock.systemUTC());
        window = new MainWindow(model, r -> { });
        transfer = new TokenTransfer(stage, model, () -> window, Workers.blockingIo());
        stage.setScene(new Scene(window.view(), 900, 500));
        stage.show();
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.waitForFxEvents();
        engine.close();
        discovery.close();
        Http.shutdown(http);
        registry.close();
    }

    @Test
    @Timeout(60)
    void everyGoodLineIsKeptOnlineWithItsPortAndSavedOnce() throws Exception {
        interact(() -> model.add(LISTED));
        saves.clear();
        Path list = dir.resolve("customers.txt");
        Files.writeString(list, String.join("\n", "# customers", LISTED + "=8801", NEW + " = 8802", BAD_PORT + "=70000", "not a token=8788", ""));

        interact(() -> transfer.keepOnlineFrom(list.toFile()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.rows().size() == 2);
        RegistryFixture.await(Duration.ofSeconds(20), "both online", () -> registry.onlineCount() == 2);

        assertEquals(8801, registry.queryPort(LISTED).port().asInt(), "the listed token now answers the list's port");
        assertEquals(8802, registry.queryPort(NEW).port().asInt());
        assertTrue(model.find(Token.of(NEW)).orElseThrow().keepOnline());
        assertFalse(model.find(Token.of(BAD_PORT)).isPresent(), "a line with a bad port adds nothing");

        WaitForAsyncUtils.waitForFxEvents();
        List<SavedToken> saved = saves.get(saves.size() - 1);
        assertEquals(2, saved.size());
        assertTrue(saved.stream().allMatch(SavedToken::keepOnline), "switched-on state is saved");
        assertEquals(List.of(8801, 8802), saved.stream().map(SavedToken::port).toList());

        String message = lookup("#messageText").queryAs(Label.class).getText();
        assertTrue(message.contains("2 tokens in the list kept online: 1 added, 1 switched on"), message);
        assertTrue(message.contains("customers.txt, line 4: ") && message.contains("customers.txt, line 5: "), message);
        assertFalse(message.contains(BAD_PORT), "a whole token in the message: " + message);
    }

    @Test
    void aFileWithoutTokenLinesChangesNothing() throws Exception {
        Path list = dir.resolve("empty.txt");
        Files.writeString(list, "# nothing yet\n\n");
        interact(() -> transfer.keepOnlineFrom(list.toFile()).join());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, model.rows().size());
        assertTrue(saves.isEmpty(), "nothing saved: " + saves);
    }
}
