package org.tokendesk.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RegistryStub;

import okhttp3.OkHttpClient;

/** Asked once, then at most one check a day; off in distribution builds; the answer survives restarts. */
@Timeout(30)
class UpdateServiceTest {
    private static final ReleaseVersion RUNNING = ReleaseVersion.parse("0.1.0").orElseThrow();
    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

    @TempDir
    Path home;

    private final RegistryStub feed = RegistryStub.start(2);
    private final OkHttpClient client = Http.newClient(UpdateChecker.TIMEOUTS);

    UpdateServiceTest() throws IOException {
        feed.handle(exchange -> RegistryStub.send(exchange, 200,
                "{\"tag_name\":\"v0.2.0\",\"html_url\":\"https://github.com/tokendesk/tokendesk/releases/tag/v0.2.0\"}"));
    }

    @AfterEach
    void stop() {
        feed.close();
        Http.shutdown(client);
    }

    private UpdateService service(Instant now, Properties props) {
        UpdatePolicy policy = UpdatePolicy.from(props);
        return new UpdateService(UpdatePreferencesStore.in(home), policy, new UpdateChecker(client, policy.feed(), UpdateChecker.TIMEOUTS),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private Properties feedAt() {
        Properties p = new Properties();
        p.setProperty(UpdatePolicy.URL_PROPERTY, feed.url() + "/releases/latest");
        return p;
    }

    @Test
    void asksOnceThenChecksAtMostOnceADay() throws IOException {
        UpdateService first = service(T0, feedAt());
        assertEquals(UpdatePreferences.Next.ASK, first.next());
        assertTrue(first.checkIfDue(RUNNING).isEmpty(), "nothing is checked before the user says yes");
        assertEquals(0, feed.requests());

        first.setEnabled(true);
        UpdateCheck found = first.checkIfDue(RUNNING).orElseThrow();
        assertInstanceOf(UpdateCheck.NewVersion.class, found);
        assertEquals(1, feed.requests());

        UpdateService laterThatDay = service(T0.plus(Duration.ofHours(23)), feedAt());
        assertEquals(UpdatePreferences.Next.NOT_DUE, laterThatDay.next());
        assertTrue(laterThatDay.checkIfDue(RUNNING).isEmpty());
        assertEquals(1, feed.requests(), "a restart the same day does not check again");

        UpdateService nextDay = service(T0.plus(Duration.ofHours(24)), feedAt());
        assertTrue(nextDay.checkIfDue(RUNNING).isPresent());
        assertEquals(2, feed.requests());
    }

    @Test
    void aFailedCheckAlsoWaitsADay() throws IOException {
        feed.handle(exchange -> RegistryStub.send(exchange, 500, "oops"));
        UpdateService service = service(T0, feedAt());
        service.setEnabled(true);
        assertInstanceOf(UpdateCheck.Failed.class, service.checkIfDue(RUNNING).orElseThrow());
        assertTrue(service(T0.plusSeconds(60), feedAt()).checkIfDue(RUNNING).isEmpty());
        assertEquals(1, feed.requests());
    }

    @Test
    void noMeansNoUntilSettingsSwitchItOn() throws IOException {
        UpdateService service = service(T0, feedAt());
        service.setEnabled(false);
        assertEquals(UpdatePreferences.Next.OFF, service(T0.plus(Duration.ofDays(30)), feedAt()).next());
        assertTrue(service.checkIfDue(RUNNING).isEmpty());
        service.setEnabled(true);
        assertEquals(UpdatePreferences.Next.CHECK, service.next());
        assertEquals(0, feed.requests());
    }

    @Test
    void distributionBuildsNeverAskNorCheck() throws IOException {
        Properties distro = feedAt();
        distro.setProperty(UpdatePolicy.CHECK_PROPERTY, "off");
        UpdateService service = service(T0, distro);
        assertFalse(service.policy().allowed());
        assertEquals(UpdatePreferences.Next.OFF, service.next());
        service.setEnabled(true);
        assertTrue(service.checkIfDue(RUNNING).isEmpty());
        assertEquals(0, feed.requests());
    }

    @Test
    void theFeedUrlIsConfigurableButOnlyAsAWebUrl() {
        assertEquals(UpdatePolicy.DEFAULT_FEED, UpdatePolicy.from(new Properties()).feed());
        assertTrue(UpdatePolicy.from(new Properties()).allowed());
        Properties file = new Properties();
        file.setProperty(UpdatePolicy.URL_PROPERTY, "file:///etc/passwd");
        assertFalse(UpdatePolicy.from(file).allowed(), "a URL that is not http(s) turns the check off");
        assertEquals(URI.create(feed.url() + "/releases/latest"), UpdatePolicy.from(feedAt()).feed());
    }

    @Test
    void theAnswerIsKeptInItsOwnFileAndABrokenFileMeansAskAgain() throws IOException {
        UpdatePreferencesStore store = UpdatePreferencesStore.in(home);
        store.save(UpdatePreferences.NOT_ASKED.answered(true).checkedAt(T0));
        assertEquals(new UpdatePreferences(true, true, T0), UpdatePreferencesStore.in(home).load());
        assertEquals(home.resolve("update.json"), store.file());

        Files.writeString(store.file(), "{\"asked\":true,\"enabled\":\"yes\"");
        assertEquals(UpdatePreferences.NOT_ASKED, store.load());
        Files.writeString(store.file(), "{\"asked\":true,\"enabled\":true,\"lastChecked\":\"yesterday\"}");
        assertEquals(UpdatePreferences.NOT_ASKED, store.load());
    }

    @Test
    void aClockSetBackDoesNotSilenceTheCheckForever() {
        UpdatePreferences checkedInTheFuture = new UpdatePreferences(true, true, T0.plus(Duration.ofDays(400)));
        assertEquals(UpdatePreferences.Next.CHECK, checkedInTheFuture.next(UpdatePolicy.from(new Properties()), T0));
    }
}
