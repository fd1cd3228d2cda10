package org.tokendesk.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.net.Http;
import org.tokendesk.testing.RawHttpServer;
import org.tokendesk.token.Token;

/** One deadline per lookup, its redirects included: slow hops do not each get the whole call timeout. */
class LookupDeadlineTest {
    private static final Token TOKEN = Token.of("insecure_7e6d5c4b-3a29-4817-8695-a4b3c2d1e0f9");
    private static final Http.Timeouts TIMEOUTS = new Http.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(2500));

    /** Each hop answers after {@code hopMillis}: two same-host redirects, then the address. */
    private static RawHttpServer slowRedirects(long hopMillis) throws IOException {
        return RawHttpServer.start(request -> {
            try {
                Thread.sleep(hopMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String path = request.split(" ")[1];
            if (path.endsWith("?hop=2")) {
                return RawHttpServer.json(200, "{\"host\":\"1.2.3.4\",\"port\":8788}");
            }
            String next = path.contains("?hop=1") ? path.replace("?hop=1", "?hop=2") : path + "?hop=1";
            return ("HTTP/1.1 302 Found\r\nLocation: " + next + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        });
    }

    @Test
    @Timeout(30)
    void slowSameHostRedirectsShareOneCallTimeout() throws IOException {
        OkHttpClient http = Http.newClient(TIMEOUTS);
        try (RawHttpServer registry = slowRedirects(1200); DiscoveryClient client = new DiscoveryClient(http, 2)) {
            Registry r = Registry.tryParse(registry.url()).orElseThrow();
            Lookup lookup = client.lookupNow(r, TOKEN);
            Lookup.Failed failed = assertInstanceOf(Lookup.Failed.class, lookup, lookup::toString);
            assertEquals(Lookup.Failure.TIMEOUT, failed.failure(), lookup::toString);
            assertTrue(lookup.latency().toMillis() < 3_400, "took " + lookup.latency().toMillis() + " ms against a 2.5 s call timeout");
        } finally {
            Http.shutdown(http);
        }
    }

    @Test
    @Timeout(30)
    void quickRedirectsStillResolve() throws IOException {
        OkHttpClient http = Http.newClient(TIMEOUTS);
        try (RawHttpServer registry = slowRedirects(100); DiscoveryClient client = new DiscoveryClient(http, 2)) {
            Registry r = Registry.tryParse(registry.url()).orElseThrow();
            Lookup lookup = client.lookupNow(r, TOKEN);
            assertInstanceOf(Lookup.Resolved.class, lookup, lookup::toString);
            assertEquals(3, registry.requests());
        } finally {
            Http.shutdown(http);
        }
    }
}
