package org.tokendesk.ui.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.stage.Stage;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.export.ExportFormat;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.net.Workers;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.Timing;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.TokenListModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export writes what the list holds, owner-only; import adds what a file holds, labels included. */
class TokenTransferTest extends ApplicationTest {
    private static final String ONE = "insecure_11111111-aaaa-4bbb-8ccc-000000000001";
    private static final String TWO = "puppet_padlocal_22222222-aaaa-4bbb-8ccc-000000000002";

    @TempDir
    Path dir;
    private OkHttpClient http;
    private DiscoveryClient discovery;
    private KeepOnline engine;
    private TokenListModel model;
    private TokenTransfer transfer;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) {
        http = Http.newClient(new Http.Timeouts(java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(400)));
        discovery = new DiscoveryClient(http, 2);
        engine = new KeepOnline(discovery, Timing.DEFAULT);
        // Nothing listens there: checks fail fast, which this test does not look at.
        model = new TokenListModel(discovery, engine, new Probe(http, ProbeConfig.defaults(), 1),
                new Registry(java.net.URI.create("http://127.0.0.1:9")), 8788, list -> { }, Clock.systemUTC());
        MainWindow window = new MainWindow(model, r -> { });
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
    }

    @Test
    void anExportHoldsTheListAndOnlyItsOwnerMayReadIt() throws Exception {
        interact(() -> model.add(ONE + "\n" + TWO));
        Path target = dir.resolve("tokens.env");
        interact(() -> transfer.export(target.toFile(), ExportFormat.DOTENV));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(target));

        String text = Files.readString(target);
        assertTrue(text.contains("WECHATY_PUPPET_SERVICE_TOKEN=" + ONE), text);
        assertTrue(text.contains("WECHATY_PUPPET_SERVICE_TOKEN=" + TWO), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void anImportAddsNewTokensWithTheirLabelsAndSkipsThoseAlreadyListed() throws Exception {
        interact(() -> model.add(ONE));
        Path source = dir.resolve("bots.env");
        Files.writeString(source, "# shop bot\nWECHATY_PUPPET_SERVICE_TOKEN=" + TWO + "\n# old\nWECHATY_PUPPET_SERVICE_TOKEN=" + ONE + "\n");
        interact(() -> transfer.importFrom(source.toFile()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.rows().size() == 2);

        assertEquals("shop bot", model.find(org.tokendesk.token.Token.of(TWO)).orElseThrow().label());
        assertEquals("", model.find(org.tokendesk.token.Token.of(ONE)).orElseThrow().label(), "the listed one is left as it was");
    }
}
