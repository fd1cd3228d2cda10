package org.tokendesk.ui.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.net.Workers;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.update.ReleaseVersion;
import org.tokendesk.update.UpdateChecker;
import org.tokendesk.update.UpdatePolicy;
import org.tokendesk.update.UpdatePreferences;
import org.tokendesk.update.UpdatePreferencesStore;
import org.tokendesk.update.UpdateService;

import okhttp3.OkHttpClient;

/** The banner asks once, then shows a newer release with a link to its page, against a feed on loopback. */
@Timeout(60)
class UpdateBannerTest extends ApplicationTest {
    private final RegistryStub feed;
    private final OkHttpClient client = Http.newClient(UpdateChecker.TIMEOUTS);
    private final ExecutorService io = Workers.bounded("update-test", 1);
    private final List<URI> opened = new CopyOnWriteArrayList<>();
    private final Path home;
    private UpdateService service;
    private UpdateBanner banner;

    UpdateBannerTest() throws IOException {
        feed = RegistryStub.start(2);
        feed.handle(exchange -> RegistryStub.send(exchange, 200,
                "{\"tag_name\":\"v0.3.0\",\"prerelease\":false,\"html_url\":\"https://github.com/tokendesk/tokendesk/releases/tag/v0.3.0\"}"));
        home = Files.createTempDirectory("update-banner");
    }

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) {
        Properties props = new Properties();
        props.setProperty(UpdatePolicy.URL_PROPERTY, feed.url() + "/releases/latest");
        UpdatePolicy policy = UpdatePolicy.from(props);
        service = new UpdateService(UpdatePreferencesStore.in(home), policy,
                new UpdateChecker(client, policy.feed(), UpdateChecker.TIMEOUTS), Clock.systemUTC());
        banner = new UpdateBanner(service, ReleaseVersion.parse("0.2.0").orElseThrow(), opened::add, io);
        stage.setScene(new Scene(new VBox(banner.view()), 640, 120));
        stage.show();
    }

    @AfterEach
    void closeFeed() throws InterruptedException, IOException {
        io.shutdownNow();
        io.awaitTermination(5, TimeUnit.SECONDS);
        feed.close();
        Http.shutdown(client);
        try (var files = Files.list(home)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(home);
    }

    private void waitFor(String id) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup(id).tryQuery().map(Node::isVisible).orElse(false));
    }

    @Test
    void yesChecksAndShowsTheNewVersionWithALinkToItsPage() throws Exception {
        interact(banner::start);
        waitFor("#updateQuestion");
        assertEquals(0, feed.requests(), "nothing is asked of the network before the user says yes");

        clickOn("#updateYes");
        waitFor("#updateText");
        assertEquals("TokenDesk 0.3.0 is out (you have 0.2.0).", lookup("#updateText").queryAs(Label.class).getText());
        assertEquals(1, feed.requests());
        clickOn("#updateLink");
        assertEquals(List.of(URI.create("https://github.com/tokendesk/tokendesk/releases/tag/v0.3.0")), opened);

        clickOn("#updateDismiss");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(banner.view().isVisible());
        assertEquals(new UpdatePreferences(true, true, service.preferences().lastChecked()), service.preferences());
    }

    @Test
    void noIsRememberedAndNothingIsChecked() throws Exception {
        interact(banner::start);
        waitFor("#updateNo");
        clickOn("#updateNo");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> service.preferences().asked());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(banner.view().isVisible());
        assertFalse(service.preferences().enabled());
        assertEquals(UpdatePreferences.Next.OFF, service.next());
        assertEquals(0, feed.requests());
    }

    @Test
    void aWindowStillStartingWhileTheAppQuitsThrowsNothing() {
        io.shutdownNow();
        interact(banner::start);
        interact(() -> banner.setEnabled(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(banner.view().isVisible());
        assertEquals(0, feed.requests());
    }

    @Test
    void theSettingsSwitchTurnsItOnLater() throws Exception {
        service.setEnabled(false);
        interact(() -> banner.setEnabled(true));
        waitFor("#updateText");
        assertTrue(service.preferences().enabled());
        assertEquals(1, feed.requests());
    }
}
