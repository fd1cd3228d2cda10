package org.tokendesk.net;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/** The one OkHttp client of the app. Everything that talks HTTP derives from it, so they share pools and threads. */
public final class Http {
    private Http() {
    }

    /** Time limits of one HTTP exchange. A real registry lookup can take 10 s: read must stay above 15 s. */
    public record Timeouts(Duration connect, Duration read, Duration call) {
        public static final Timeouts DISCOVERY = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(16), Duration.ofSeconds(20));
    }

    public static OkHttpClient newClient(Timeouts timeouts) {
        return builder(timeouts).build();
    }

    /**
     * A client that speaks plain HTTP only, for a run that never leaves an {@code http://} registry:
     * OkHttp then skips loading the TLS trust store, a quarter of a second of a CLI run.
     */
    public static OkHttpClient newPlainClient(Timeouts timeouts) {
        return builder(timeouts).connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
    }

    /** A plain client's twin that speaks TLS too (the system's trust), sharing its pool and threads. */
    public static OkHttpClient withTls(OkHttpClient plain) {
        return plain.newBuilder().connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT)).build();
    }

    private static OkHttpClient.Builder builder(Timeouts timeouts) {
        return new OkHttpClient.Builder()
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                .followRedirects(false)
                .followSslRedirects(false)
                .socketFactory(DecoratingSocketFactory.noDelay())
                .connectionPool(new ConnectionPool(16, 1, TimeUnit.MINUTES));
    }

    /** Releases idle connections and threads, e.g. before the CLI exits (saves ~350 ms of JVM shutdown). */
    public static void shutdown(OkHttpClient client) {
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
    }
}
