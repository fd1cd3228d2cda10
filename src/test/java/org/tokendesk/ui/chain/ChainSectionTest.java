package org.tokendesk.ui.chain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.chain.ChainCheck;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.PuppetServer;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;
import org.tokendesk.ui.model.DetailSection;
import org.tokendesk.ui.model.TokenRow;

/** The Chain tab as a user uses it, against a registry stub and a plaintext puppet service on loopback. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChainSectionTest extends ApplicationTest {
    private static final Token PADLOCAL = Token.of("puppet_padlocal_" + UUID.randomUUID());
    private static final Token FOLDER_TOKEN = Token.of("insecure_0d6f2c3e-5b1a-4c8e-9f7d-3a2b1c0d9e8f");
    private static final TokenLeaks LEAKS = TokenLeaks.of(PADLOCAL, FOLDER_TOKEN);

    private OkHttpClient http;
    private DiscoveryClient discovery;
    private RegistryStub registry;
    private PuppetServer service;
    private PuppetServer folderService;
    private ChainRunner runner;
    private ChainSection section;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) throws Exception {
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        discovery = new DiscoveryClient(http, 2);
        registry = RegistryStub.start();
        service = PuppetServer.plaintext(PADLOCAL, PuppetServer.Reads.METADATA_OR_AUTHORITY);
        folderService = PuppetServer.plaintext(FOLDER_TOKEN, PuppetServer.Reads.METADATA_OR_AUTHORITY);
        registry.register(PADLOCAL.reveal(), "127.0.0.1", service.port()).register(FOLDER_TOKEN.reveal(), "127.0.0.1", folderService.port());
        runner = new ChainRunner(new ChainCheck(discovery, http, ProbeConfig.defaults()));
        SimpleObjectProperty<TokenRow> selected = new SimpleObjectProperty<>();
        section = new ChainSection(registry::registry, () -> List.of(PADLOCAL), runner,
                new DetailSection.Selection(selected, new SimpleBooleanProperty(true)));
        stage.setScene(new Scene((Parent) section.view(), 1000, 700));
        stage.show();
        selected.set(new TokenRow(SavedToken.added(PADLOCAL, Instant.now())));
    }

    @AfterEach
    void closeServers() {
        runner.close();
        service.close();
        folderService.close();
        registry.close();
        discovery.close();
        Http.shutdown(http);
    }

    @Test
    void checkingMarksTheFirstFailingLinkAndGivesTheLineToCopy() throws Exception {
        clickOn("#chainCheck");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#chainVerdict").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(((Label) lookup("#chainFirstFailure").query()).getText().contains(Text.get("chain.step.TRANSPORT")));
        assertTrue(lookup("#chainFixNODE").tryQuery().isPresent(), texts().toString());
        String node = ((TextField) lookup("#chainFixNODE").query()).getText();
        assertTrue(node.contains("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true"), node);
        noWholeToken();
    }

    @Test
    void checkMyBotShowsTheFoldersAdviceThenItsTokensChain() throws Exception {
        Path bot = Path.of(getClass().getResource("/org/tokendesk/doctor/node-crash/.env").toURI()).getParent();
        interact(() -> section.checkFolder(bot));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#chainVerdict").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(texts().stream().anyMatch(t -> t.contains("@grpc/grpc-js 1.14.7 with wechaty-token 1.1.2")), texts().toString());
        assertTrue(texts().stream().anyMatch(t -> t.contains(Text.get("chain.accepted", "1.19.9-test"))), texts().toString());
        assertTrue(texts().stream().anyMatch(t -> t.contains(FOLDER_TOKEN.masked())), texts().toString());
        noWholeToken();
    }

    private List<String> texts() {
        List<String> out = new ArrayList<>();
        collect(section.view(), out);
        return out;
    }

    private static void collect(Node node, List<String> out) {
        if (node instanceof Label l) {
            out.add(l.getText());
        } else if (node instanceof TextField f) {
            out.add(f.getText());
        }
        if (node instanceof ScrollPane s && s.getContent() != null) {
            collect(s.getContent(), out);
        } else if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    private void noWholeToken() {
        WaitForAsyncUtils.waitForFxEvents();
        LEAKS.assertNoneIn("chain tab", String.join("\n", texts()));
    }
}
