package org.tokendesk.update;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

import org.tokendesk.net.Http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Reads the latest release from a feed shaped like GitHub's {@code GET /repos/OWNER/REPO/releases/latest}
 * ({@code tag_name}, {@code html_url}, {@code prerelease}, {@code draft}) and compares it with the
 * running version. It only reads: nothing is downloaded or installed.
 */
public final class UpdateChecker {
    /** A GitHub release answer is a few KiB (more with long notes); anything past this is not one. */
    public static final int MAX_BODY = 256 * 1024;
    public static final Http.Timeouts TIMEOUTS = new Http.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient client;
    private final URI feed;
    private final Http.Timeouts timeouts;

    /** Shares {@code client}'s pool and threads with these time limits. Redirects are followed (a renamed repository), never https to http. */
    public UpdateChecker(OkHttpClient client, URI feed, Http.Timeouts timeouts) {
        this.client = client.newBuilder()
                .connectTimeout(timeouts.connect()).readTimeout(timeouts.read()).callTimeout(timeouts.call())
                .followRedirects(true).followSslRedirects(false).build();
        this.feed = feed;
        this.timeouts = timeouts;
    }

    public URI feed() {
        return feed;
    }

    public UpdateCheck check(ReleaseVersion current) {
        Request request = new Request.Builder().url(feed.toString())
                .header("Accept", "application/vnd.github+json")
                .header("User-Agent", "TokenDesk/" + current)
                .build();
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                return new UpdateCheck.Failed(UpdateCheck.Reason.HTTP_STATUS, "HTTP " + response.code());
            }
            long length = response.body().contentLength();
            if (length > MAX_BODY) {
                return tooLarge();
            }
            BufferedSource source = response.body().source();
            if (source.request(MAX_BODY + 1L)) {
                return tooLarge();
            }
            return read(source.getBuffer().readUtf8(), current);
        } catch (InterruptedIOException e) {
            return new UpdateCheck.Failed(UpdateCheck.Reason.TIMEOUT, "no answer within " + timeouts.call().toMillis() + " ms");
        } catch (IOException e) {
            return new UpdateCheck.Failed(UpdateCheck.Reason.UNREACHABLE, e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            return new UpdateCheck.Failed(UpdateCheck.Reason.UNREACHABLE, "not an http(s) URL");
        }
    }

    /** The answer's body against the running version. */
    static UpdateCheck read(String body, ReleaseVersion current) {
        JsonNode release;
        try {
            release = JSON.readTree(body);
        } catch (IOException e) {
            return malformed("not JSON");
        }
        if (release == null || !release.isObject()) {
            return malformed("not a JSON object");
        }
        JsonNode tag = release.path("tag_name");
        if (!tag.isTextual()) {
            return malformed("no tag_name");
        }
        Optional<ReleaseVersion> version = ReleaseVersion.parse(tag.asText());
        if (version.isEmpty()) {
            return malformed("tag_name is not a version");
        }
        Optional<URI> page = page(release.path("html_url"));
        if (page.isEmpty()) {
            return malformed("html_url is not an http(s) link");
        }
        boolean pre = release.path("prerelease").asBoolean(false) || version.get().isPreRelease();
        LatestRelease latest = new LatestRelease(version.get(), tag.asText(), page.get(), pre);
        boolean draft = release.path("draft").asBoolean(false);
        // A pre-release is news only to someone already running one.
        boolean offered = !draft && (!pre || current.isPreRelease());
        if (offered && latest.version().isNewerThan(current)) {
            return new UpdateCheck.NewVersion(current, latest);
        }
        return new UpdateCheck.UpToDate(current, latest);
    }

    private static Optional<URI> page(JsonNode link) {
        if (!link.isTextual() || link.asText().length() > 2000) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(link.asText());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            boolean web = scheme.equals("https") || scheme.equals("http");
            return web && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static UpdateCheck malformed(String why) {
        return new UpdateCheck.Failed(UpdateCheck.Reason.MALFORMED, why);
    }

    private static UpdateCheck tooLarge() {
        return new UpdateCheck.Failed(UpdateCheck.Reason.TOO_LARGE, "answer over " + MAX_BODY / 1024 + " KiB");
    }
}
