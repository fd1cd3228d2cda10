package org.tokendesk.discovery;

import java.io.EOFException;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import org.tokendesk.Version;
import org.tokendesk.discovery.Lookup.Failure;
import org.tokendesk.net.Elapsed;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.net.FailureKind;
import org.tokendesk.net.Hosts;
import org.tokendesk.net.Http;
import org.tokendesk.net.Workers;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenScrubber;

/**
 * Resolves tokens to host:port over {@code GET <registry>/v0/hosties/<token>}, as the Wechaty SDKs
 * do, with bounded concurrency, explicit timeouts and bounded bodies.
 */
public final class DiscoveryClient implements AutoCloseable {
    public static final int DEFAULT_IN_FLIGHT = 16;
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_REDIRECTS = 3;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]{1,253}|\\[[0-9A-Fa-f:.%]{2,60}]");
    private static final String USER_AGENT = "TokenDesk/" + Version.current();
    /** For {@link #lookup(Registry, Token, long)}: no batch deadline, only the lookup's own. */
    public static final long NO_DEADLINE = Long.MIN_VALUE;

    private final OkHttpClient http;
    private final ThreadPoolExecutor lookups;
    private final Supplier<OkHttpClient> forHttps;
    /** {@code forHttps}'s client, asked for on the first https URL only. */
    private final AtomicReference<OkHttpClient> httpsClient = new AtomicReference<>();
    private volatile ExtraTrust extraTrust;
    /** The client for the current grant of {@link #extraTrust}, made once per grant. */
    private final AtomicReference<Trusting> trusting = new AtomicReference<>();

    private record Trusting(ExtraTrust.Grant grant, OkHttpClient client) {
    }

    /** @param http a client with the discovery timeouts; redirects must be off (they are followed here, checked). */
    public DiscoveryClient(OkHttpClient http, int maxInFlight) {
        this(http, () -> http, maxInFlight);
    }

    /**
     * @param http the client for the registry's own scheme, which may speak plain HTTP only (the CLI
     *             on an http registry skips TLS set-up)
     * @param forHttps the client for https, made when a plain-http registry first redirects to https
     */
    public DiscoveryClient(OkHttpClient http, Supplier<OkHttpClient> forHttps, int maxInFlight) {
        this.http = http;
        this.forHttps = forHttps;
        this.lookups = Workers.bounded("lookup", maxInFlight);
    }

    /**
     * Lets lookups at the addresses {@code trust} grants trust its CA besides the system's (TokenDesk's
     * own registry); every other registry still needs a certificate the system trusts.
     */
    public DiscoveryClient trust(ExtraTrust trust) {
        this.extraTrust = trust;
        return this;
    }

    /** Runs the lookup on this client's pool; at most {@code maxInFlight} run at once, the rest wait their turn. */
    public CompletableFuture<Lookup> lookup(Registry registry, Token token) {
        return lookup(registry, token, NO_DEADLINE);
    }

    /**
     * Like {@link #lookup(Registry, Token)}, for one lookup of a batch that must end by
     * {@code batchDeadline} ({@link System#nanoTime()}): one still waiting its turn then fails at
     * once, one running stops there.
     */
    public CompletableFuture<Lookup> lookup(Registry registry, Token token, long batchDeadline) {
        try {
            return CompletableFuture.supplyAsync(() -> lookupNow(registry, token, batchDeadline), lookups);
        } catch (RejectedExecutionException e) {
            // Closed while the app quits: the answer would have nowhere to go.
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Changes how many lookups may run at once (a setting). */
    public void setMaxInFlight(int maxInFlight) {
        if (maxInFlight > lookups.getMaximumPoolSize()) {
            lookups.setMaximumPoolSize(maxInFlight);
            lookups.setCorePoolSize(maxInFlight);
        } else {
            lookups.setCorePoolSize(maxInFlight);
            lookups.setMaximumPoolSize(maxInFlight);
        }
    }

    /** Blocks the calling thread: for the CLI and for code already on a worker thread. */
    public Lookup lookupNow(Registry registry, Token token) {
        return lookupNow(registry, token, NO_DEADLINE);
    }

    private Lookup lookupNow(Registry registry, Token token, long batchDeadline) {
        long start = System.nanoTime();
        // Each hop is a Call of its own, and OkHttp's call timeout is per Call: the budget is shared here.
        long budget = http.callTimeoutMillis() > 0 ? TimeUnit.MILLISECONDS.toNanos(http.callTimeoutMillis()) : Long.MAX_VALUE;
        if (batchDeadline != NO_DEADLINE) {
            long left = batchDeadline - start;
            if (left <= 0) {
                return new Lookup.Failed(Failure.TIMEOUT, "not asked: the run's deadline passed", Duration.ZERO);
            }
            budget = Math.min(budget, left);
        }
        HttpUrl url = registry.hostiesUrl(token);
        try {
            for (int hop = 0; ; hop++) {
                long remaining = budget == Long.MAX_VALUE ? 0 : budget - (System.nanoTime() - start);
                if (budget != Long.MAX_VALUE && remaining <= 0) {
                    return new Lookup.Failed(Failure.TIMEOUT, "no answer in " + TimeUnit.NANOSECONDS.toMillis(budget) + " ms, redirects included", Elapsed.since(start));
                }
                Request request = new Request.Builder().url(url).header("Accept", "application/json")
                        .header("User-Agent", USER_AGENT).get().build();
                Call call = clientFor(url).newCall(request);
                call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
                try (Response response = call.execute()) {
                    if (!response.isRedirect()) {
                        return interpret(registry, response, start);
                    }
                    HttpUrl next = redirectTarget(url, response);
                    if (next == null) {
                        return new Lookup.Failed(Failure.REDIRECT, redirectRefusal(url, response), Elapsed.since(start));
                    }
                    if (hop + 1 >= MAX_REDIRECTS) {
                        return new Lookup.Failed(Failure.REDIRECT, "too many redirects", Elapsed.since(start));
                    }
                    url = next;
                }
            }
        } catch (IOException e) {
            if (untrusted(e)) {
                return Lookup.Failed.untrustedCertificate(Elapsed.since(start));
            }
            if (headersTooLarge(e)) {
                // OkHttp's message quotes the header itself: not shown.
                return new Lookup.Failed(Failure.HEADERS_TOO_LARGE, "over 256 KiB", Elapsed.since(start));
            }
            return new Lookup.Failed(Failure.of(FailureKind.of(e)), describe(e, token), Elapsed.since(start));
        } catch (RuntimeException | Error e) {
            // OkHttp throws IllegalStateException on e.g. two 1xx answers: that is this token's failure, not the batch's.
            return new Lookup.Failed(Failure.BROKEN, describe(e, token), Elapsed.since(start));
        }
    }

    private OkHttpClient clientFor(HttpUrl url) {
        ExtraTrust trust = extraTrust;
        if (url.isHttps() && trust != null) {
            ExtraTrust.Grant grant = trust.forAddress(url.host(), url.port()).orElse(null);
            if (grant != null) {
                return trusting.updateAndGet(t -> t != null && t.grant() == grant ? t
                        : new Trusting(grant, Http.withTls(http).newBuilder()
                                .sslSocketFactory(grant.context().getSocketFactory(), grant.manager()).build())).client();
            }
        }
        if (!url.isHttps() || http.connectionSpecs().stream().anyMatch(ConnectionSpec::isTls)) {
            return http;
        }
        return httpsClient.updateAndGet(c -> c != null ? c : forHttps.get());
    }

    private static Lookup interpret(Registry registry, Response response, long start) throws IOException {
        int status = response.code();
        if (status == 400 || status == 401 || status == 403) {
            // The registry's own "not registered" body ({"ip":"0.0.0.0","port":0}) says what it says; anything
            // else (a proxy's login page, an auth error) is the registry refusing us, not the token missing.
            BufferedSource source = response.body().source();
            boolean small = !source.request(MAX_BODY_BYTES + 1L);
            if (small && parseAnswer(registry, status, source.getBuffer().readByteArray(), Elapsed.since(start)) instanceof Lookup.NotRegistered n) {
                return n;
            }
            return new Lookup.Failed(Failure.REFUSED, "HTTP " + status, Elapsed.since(start));
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new Lookup.NotRegistered(status, Elapsed.since(start));
        }
        if (status < 200 || status >= 300) {
            return new Lookup.Failed(Failure.HTTP_STATUS, "HTTP " + status, Elapsed.since(start));
        }
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        if (source.request(MAX_BODY_BYTES + 1L)) {
            return new Lookup.Failed(Failure.TOO_LARGE, "answer over " + MAX_BODY_BYTES / 1024 + " KiB", Elapsed.since(start));
        }
        byte[] bytes = source.getBuffer().readByteArray();
        return parseAnswer(registry, status, bytes, Elapsed.since(start));
    }

    static Lookup parseAnswer(Registry registry, int status, byte[] bytes, Duration latency) {
        HostieAnswer answer;
        try {
            answer = HostieAnswer.parse(bytes);
        } catch (HostieAnswer.Unusable e) {
            return new Lookup.Failed(Failure.MALFORMED, e.getMessage(), latency);
        }
        String ip = answer.ip();
        String address = answer.host() != null ? answer.host() : ip;
        Integer port = answer.port();
        if ("0.0.0.0".equals(address) || (port != null && port == 0)) {
            return new Lookup.NotRegistered(status, latency);
        }
        if (address == null) {
            return new Lookup.Failed(Failure.MALFORMED, "no host in answer", latency);
        }
        if (!HOST.matcher(address).matches()) {
            // Shown in the window and printed by the CLI: no spaces, escapes or novels.
            return new Lookup.Failed(Failure.MALFORMED, "host is not a host name or IP address", latency);
        }
        if (address.startsWith("[")) {
            address = address.substring(1, address.length() - 1);
        }
        if (port == null || port < 1 || port > 65535) {
            return new Lookup.Failed(Failure.MALFORMED, "port " + answer.portShown() + " is not 1..65535", latency);
        }
        if (Hosts.isLoopback(address) && !registry.isLoopback()) {
            // The registry's TCP test failed: it hands out 127.0.0.1 and keeps the real address in "ip".
            String publicIp = ip != null && !Hosts.isLoopback(ip) ? ip : null;
            return new Lookup.Unreachable(publicIp, port, latency);
        }
        return new Lookup.Resolved(address, port, latency);
    }

    /** Follows only redirects that stay on the same host and do not drop from https to http. */
    private static HttpUrl redirectTarget(HttpUrl from, Response response) {
        String location = response.header("Location");
        HttpUrl to = location == null ? null : from.resolve(location);
        if (to == null || !to.host().equalsIgnoreCase(from.host())) {
            return null;
        }
        if (from.isHttps() && !to.isHttps()) {
            return null;
        }
        return to;
    }

    private static String redirectRefusal(HttpUrl from, Response response) {
        String location = response.header("Location");
        HttpUrl to = location == null ? null : from.resolve(location);
        if (to == null) {
            return "HTTP " + response.code() + " without a usable Location";
        }
        if (!to.host().equalsIgnoreCase(from.host())) {
            return "redirect to another host (" + to.host() + ") refused";
        }
        return "redirect from https to plain http refused";
    }

    /** No trusted root for the registry's certificate ("PKIX path building failed" and kin). */
    private static boolean untrusted(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    private static final String HEADER_LIMIT_HIT = "\\n not found: limit=";

    /** OkHttp's header reader gives up with EOFException("\n not found: limit=…") inside "unexpected end of stream". */
    private static boolean headersTooLarge(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof EOFException && m != null && m.startsWith(HEADER_LIMIT_HIT)) {
                // "limit=" is what was buffered: 0 for a server that hung up, the whole limit for an oversized header.
                int end = m.indexOf(' ', HEADER_LIMIT_HIT.length());
                try {
                    return Long.parseLong(m.substring(HEADER_LIMIT_HIT.length(), end < 0 ? m.length() : end)) >= 16 * 1024;
                } catch (NumberFormatException notANumber) {
                    return false;
                }
            }
        }
        return false;
    }

    /** The exception's own words, with the token masked in case a library echoed the URL. */
    private static String describe(Throwable e, Token token) {
        String words = e instanceof IOException && e.getMessage() != null ? e.getMessage()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return TokenScrubber.of(List.of(token)).scrubAll(words);
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }

    /** For callers that need the executor's queue length (progress of "Check all"). */
    public int waiting() {
        return lookups.getQueue().size();
    }

}
