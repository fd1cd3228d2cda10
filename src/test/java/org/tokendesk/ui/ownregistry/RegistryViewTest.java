package org.tokendesk.ui.ownregistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.testing.Puppet;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.registry.RegistrySnapshot;
import org.tokendesk.registry.tls.MachineCertificate;
import org.tokendesk.store.OwnRegistry;
import org.tokendesk.testing.Ports;
import org.tokendesk.token.Token;

/** The Registry window, live: a registrant on loopback shows up masked with its port and lookups, and Disconnect closes it. */
class RegistryViewTest extends ApplicationTest {
    static final String TOKEN = "insecure_2b6f0c1e-4d3a-4c5b-8e9f-a1b2c3d4e5f6";

    @TempDir
    static Path tls;

    private RegistrySwitch registry;
    private RegistryView view;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) throws Exception {
        port = Ports.closed();
        registry = new RegistrySwitch(tls, new ExtraTrust());
        registry.apply(new OwnRegistry(true, OwnRegistry.THIS_COMPUTER, port, ""));
        view = new RegistryView(registry);
        stage.setScene(new Scene(view.view(), 1000, 520));
        stage.show();
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    private void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited for " + what + "; rows: " + rows().getItems(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<RegistrySnapshot.Row> rows() {
        return lookup("#ownRegistryTable").queryAs(TableView.class);
    }

    @Test
    void aRegistrantIsListedMaskedWithItsPortAndLookupsAndDisconnectClosesItWithACloseFrame() throws Exception {
        await("running", () -> registry.running().isPresent());
        try (Puppet puppet = Puppet.connect(client, URI.create("ws://127.0.0.1:" + port + "/v0/websocket"), TOKEN, "18788", "")) {
            await("the registrant with its port", () -> rows().getItems().size() == 1 && rows().getItems().get(0).port().isPresent());
            RegistrySnapshot.Row row = rows().getItems().get(0);
            assertEquals(Token.mask(TOKEN), row.maskedToken());
            assertEquals(18788, row.port().getAsInt());
            assertEquals("127.0.0.1", row.from());

            HttpResponse<String> lookup = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v0/hosties/" + TOKEN))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, lookup.statusCode(), lookup.body());
            await("the lookup counted", () -> rows().getItems().get(0).lookups() == 1
                    && rows().getItems().get(0).lastAnswer().map(a -> a.port() == 18788 && a.host().equals("127.0.0.1")).orElse(false));
            assertTrue(interactText().contains("127.0.0.1:18788"), "the last answer is shown");
            assertFalse(interactText().contains(TOKEN), "no whole token in the view");
            assertEquals("Registry: running on 127.0.0.1:" + port + " · 1 token online",
                    lookup("#ownRegistryStatus").queryAs(Labeled.class).getText());

            assertEquals("WECHATY_PUPPET_SERVICE_AUTHORITY=127.0.0.1:" + port, lookup("#ownRegistryLine0").queryAs(TextField.class).getText());
            assertEquals("WECHATY_APIHOST=127.0.0.1:" + port, lookup("#ownRegistryLine1").queryAs(TextField.class).getText());
            String ca = tls.resolve(MachineCertificate.CA_FILE).toString();
            assertEquals("NODE_EXTRA_CA_CERTS=" + ca, lookup("#ownRegistryLine2").queryAs(TextField.class).getText());
            assertEquals("SSL_CERT_FILE=" + ca, lookup("#ownRegistryLine3").queryAs(TextField.class).getText());

            clickOn(".own-registry-disconnect");
            assertEquals(1000, puppet.closeCode.get(10, TimeUnit.SECONDS), "a close frame, normal closure");
            await("the row gone", () -> rows().getItems().isEmpty());
            assertEquals("Registry: running on 127.0.0.1:" + port + " · no tokens online",
                    lookup("#ownRegistryStatus").queryAs(Labeled.class).getText());
        }
    }

    @Test
    void offSaysSoAndListsNothing() throws Exception {
        await("running", () -> registry.running().isPresent());
        interact(() -> registry.apply(OwnRegistry.OFF));
        await("off", () -> registry.state().get() instanceof RegistrySwitch.State.Off);
        await("the status", () -> lookup("#ownRegistryStatus").queryAs(Labeled.class).getText().equals("Registry: off"));
        assertTrue(rows().getItems().isEmpty());
        assertTrue(lookup("#ownRegistryLines").queryParent().getChildrenUnmodifiable().isEmpty(), "no lines to copy for a registry that is off");
    }

    /** Every text in the view's cells and labels. */
    private String interactText() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            StringBuilder all = new StringBuilder();
            lookup(".table-cell").queryAllAs(Labeled.class).forEach(l -> all.append(l.getText()).append('\n'));
            lookup(".label").queryAllAs(Labeled.class).forEach(l -> all.append(l.getText()).append('\n'));
            return all.toString();
        }).get(5, TimeUnit.SECONDS);
    }
}
