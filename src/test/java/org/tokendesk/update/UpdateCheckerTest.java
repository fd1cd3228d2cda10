package org.tokendesk.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RegistryStub;

import okhttp3.OkHttpClient;

/** The update check against a release feed on loopback, answering as GitHub's latest-release API does. */
@Timeout(30)
class UpdateCheckerTest {
    private static final ReleaseVersion RUNNING = ReleaseVersion.parse("0.2.0").orElseThrow();
    private static final Http.Timeouts QUICK = new Http.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(1));

    private final RegistryStub feed;
    private final OkHttpClient client = Http.newClient(QUICK);

    UpdateCheckerTest() throws IOException {
        feed = RegistryStub.start(4);
    }

    @AfterEach
    void stop() {
        feed.release();
        feed.close();
        Http.shutdown(client);
    }

    private UpdateCheck answer(int status, String body) {
        feed.handle(exchange -> RegistryStub.send(exchange, status, body));
        return new UpdateChecker(client, URI.create(feed.url() + "/repos/tokendesk/tokendesk/releases/latest"), QUICK).check(RUNNING);
    }

    private static String release(String tag, boolean prerelease) {
        return "{\"url\":\"https://api.github.com/repos/tokendesk/tokendesk/releases/1\",\"tag_name\":\"" + tag + "\","
                + "\"name\":\"TokenDesk " + tag + "\",\"draft\":false,\"prerelease\":" + prerelease + ","
                + "\"html_url\":\"https://github.com/tokendesk/tokendesk/releases/tag/" + tag + "\","
                + "\"assets\":[{\"name\":\"TokenDesk-x.msi\",\"browser_download_url\":\"https://example.invalid/x.msi\"}]}";
    }

    @Test
    void aNewerReleaseIsNewsWithTheLinkToItsPage() {
        UpdateCheck.NewVersion news = assertInstanceOf(UpdateCheck.NewVersion.class, answer(200, release("v0.3.0", false)));
        assertEquals("0.3.0", news.latest().version().toString());
        assertEquals("v0.3.0", news.latest().tag());
        assertEquals(URI.create("https://github.com/tokendesk/tokendesk/releases/tag/v0.3.0"), news.latest().page());
        assertEquals(RUNNING, news.current());
        assertEquals(1, feed.requests(), "one request, nothing downloaded");
    }

    @Test
    void theSameOrAnOlderReleaseIsNotNews() {
        assertInstanceOf(UpdateCheck.UpToDate.class, answer(200, release("v0.2.0", false)));
        assertInstanceOf(UpdateCheck.UpToDate.class, answer(200, release("0.2", false)));
        assertInstanceOf(UpdateCheck.UpToDate.class, answer(200, release("v0.1.9", false)));
    }

    @Test
    void aPreReleaseIsNewsOnlyToSomeoneRunningOne() {
        assertInstanceOf(UpdateCheck.UpToDate.class, answer(200, release("v0.3.0-rc.1", true)));
        assertInstanceOf(UpdateCheck.UpToDate.class, answer(200, release("v0.3.0-beta", false)), "a pre-release by its tag alone");
        ReleaseVersion rc = ReleaseVersion.parse("0.3.0-rc.1").orElseThrow();
        assertInstanceOf(UpdateCheck.NewVersion.class, UpdateChecker.read(release("v0.3.0-rc.2", true), rc));
        assertInstanceOf(UpdateCheck.NewVersion.class, UpdateChecker.read(release("v0.3.0", false), rc));
    }

    @Test
    void garbageIsAQuietFailureNamingWhatWasWrong() {
        assertFailed(UpdateCheck.Reason.MALFORMED, answer(200, "<html>rate limited</html>"));
        assertFailed(UpdateCheck.Reason.MALFORMED, answer(200, "[1,2,3]"));
        assertFailed(UpdateCheck.Reason.MALFORMED, answer(200, "{\"name\":\"no tag\"}"));
        assertFailed(UpdateCheck.Reason.MALFORMED, answer(200, release("nightly", false)));
        assertFailed(UpdateCheck.Reason.MALFORMED, answer(200,
                "{\"tag_name\":\"v9.0.0\",\"html_url\":\"javascript:alert(1)\"}"));
        assertFailed(UpdateCheck.Reason.MALFORMED, answer(200, "{\"tag_name\":\"v9.0.0\"}"));
        assertFailed(UpdateCheck.Reason.HTTP_STATUS, answer(404, "{\"message\":\"Not Found\"}"));
        assertFailed(UpdateCheck.Reason.HTTP_STATUS, answer(403, "{\"message\":\"API rate limit exceeded\"}"));
    }

    @Test
    void aSlowFeedTimesOutWithinTheCallLimit() {
        feed.stall();
        long start = System.nanoTime();
        UpdateCheck result = new UpdateChecker(client, URI.create(feed.url() + "/latest"), QUICK).check(RUNNING);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertFailed(UpdateCheck.Reason.TIMEOUT, result);
        assertTrue(millis < 3000, "gave up after " + millis + " ms");
    }

    @Test
    void aHugeBodyIsRefusedWithoutReadingItAll() {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        feed.handle(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse up front
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"tag_name\":\"v9.0.0\",\"pad\":\"".getBytes());
                for (int i = 0; i < 160; i++) { // 10 MiB
                    out.write(chunk);
                }
            } catch (IOException clientLeft) {
                // expected: the checker stops reading at its limit
            }
        });
        long start = System.nanoTime();
        UpdateCheck result = new UpdateChecker(client, URI.create(feed.url() + "/latest"), QUICK).check(RUNNING);
        assertFailed(UpdateCheck.Reason.TOO_LARGE, result);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000);
    }

    @Test
    void aDeclaredHugeLengthIsRefusedUpFront() {
        byte[] big = new byte[UpdateChecker.MAX_BODY + 1];
        Arrays.fill(big, (byte) ' ');
        feed.handle(exchange -> {
            exchange.sendResponseHeaders(200, big.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(big);
            } catch (IOException clientLeft) {
                // the checker may close before all of it is written
            }
        });
        assertFailed(UpdateCheck.Reason.TOO_LARGE, new UpdateChecker(client, URI.create(feed.url() + "/latest"), QUICK).check(RUNNING));
    }

    @Test
    void aFeedThatIsNotThereIsUnreachable() throws IOException {
        URI nothing = RegistryStub.down().baseUrl().resolve("/latest");
        assertFailed(UpdateCheck.Reason.UNREACHABLE, new UpdateChecker(client, nothing, QUICK).check(RUNNING));
    }

    private static void assertFailed(UpdateCheck.Reason reason, UpdateCheck result) {
        UpdateCheck.Failed failed = assertInstanceOf(UpdateCheck.Failed.class, result);
        assertEquals(reason, failed.reason(), failed.detail());
    }
}
