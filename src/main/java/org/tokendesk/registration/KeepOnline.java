package org.tokendesk.registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.net.Workers;
import org.tokendesk.protocol.FrameLimits;
import org.tokendesk.registration.RegistrationState.Off;
import org.tokendesk.token.Token;

/**
 * Keeps chosen tokens registered at their registry, each over its own WebSocket, all on one Tyrus
 * client container: answers the registry's port queries, pings, reconnects with jittered backoff,
 * and checks the round trip through discovery. Each token is a {@link TokenSession}; the sockets
 * are {@link RegistrySockets}; what is said on them is {@link Conversation}.
 *
 * <p>Public methods never block on the network: they change the wanted state and hand the work
 * to the engine's own threads. Listeners are called on those threads, in order per token; they
 * must return quickly (the UI hops to its own thread).
 */
public final class KeepOnline implements AutoCloseable {
    /** Frames (and messages) above this are refused. */
    public static final int MAX_FRAME_BYTES = FrameLimits.DEFAULT.maxChars();
    public static final int DEFAULT_CONNECT_THREADS = 4;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    /** Told about every change of a token's snapshot, and about every log line. */
    public interface Listener {
        void changed(KeptToken status);

        default void logged(Token token, LogEntry entry) {
        }
    }

    private final Engine engine;
    private final ScheduledThreadPoolExecutor timers;
    private final ThreadPoolExecutor connects;
    private final Map<Token, TokenSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param discovery resolves tokens for the round-trip check; {@code null} skips it
     * @param connectThreads how many WebSocket handshakes may run at once
     */
    public KeepOnline(DiscoveryClient discovery, Timing timing, int connectThreads) {
        this(discovery, timing, connectThreads, Clock.systemUTC(), new SecureRandom());
    }

    public KeepOnline(DiscoveryClient discovery, Timing timing) {
        this(discovery, timing, DEFAULT_CONNECT_THREADS);
    }

    KeepOnline(DiscoveryClient discovery, Timing timing, int connectThreads, Clock clock, RandomGenerator random) {
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        this.timers = new ScheduledThreadPoolExecutor(1, Workers.daemon("keep-online-timer"));
        timers.setRemoveOnCancelPolicy(true);
        this.connects = Workers.bounded("keep-online-connect", connectThreads);
        this.engine = new Engine(timing, clock, new Backoff(timing.backoffBase(), timing.backoffCap(), random),
                "tokendesk-" + HexFormat.of().formatHex(id), new RegistrySockets(timing, MAX_FRAME_BYTES), timers, connects,
                new RoundTrip(discovery, timing.localCheckTimeout()), new Listeners(), ConcurrentHashMap.newKeySet(), () -> closed);
    }

    /** Lets the WebSockets to the addresses {@code trust} grants trust its CA besides the system's (TokenDesk's own registry). */
    public void trust(ExtraTrust trust) {
        engine.sockets().trust(trust);
    }

    /** The id this process sends in its sub-protocol ({@code io|0.0.1|<id>||<port>}). */
    public String clientId() {
        return engine.clientId();
    }

    public Runnable addListener(Listener listener) {
        return engine.listeners().add(listener);
    }

    /**
     * Keeps {@code token} online at {@code registry}, advertising {@code port}. Calling it again
     * with the same values changes nothing, except after a rejection or a stop: then it tries again
     * (that is the user acting). A new port or registry closes the old connection first.
     */
    public void keep(Token token, Registry registry, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1..65535");
        }
        if (closed) {
            throw new IllegalStateException("keep-online engine is closed");
        }
        sessions.computeIfAbsent(token, t -> new TokenSession(t, engine)).keep(registry, port);
    }

    /** Stops keeping the token online: closes its connection with a close frame. It stays listed (Off). */
    public void stop(Token token) {
        session(token).ifPresent(TokenSession::stop);
    }

    /** Stops and forgets the token (it was removed from the list). */
    public void remove(Token token) {
        stop(token);
        sessions.remove(token);
    }

    /** Skips the wait of a token that is retrying and connects now. */
    public void retryNow(Token token) {
        session(token).ifPresent(TokenSession::retryNow);
    }

    /** Resolves the token through discovery again and reports whether it leads back to us. */
    public void verify(Token token) {
        session(token).ifPresent(TokenSession::verify);
    }

    /** Tests again whether something listens on localhost:port. */
    public void checkLocalService(Token token) {
        session(token).ifPresent(TokenSession::checkLocalService);
    }

    /** The current snapshot, or empty for a token the engine never saw (or removed). */
    public Optional<KeptToken> status(Token token) {
        return session(token).map(TokenSession::snapshot);
    }

    public RegistrationState state(Token token) {
        return status(token).map(KeptToken::state).orElse(new Off());
    }

    /** The token's event log, oldest first (bounded: the last {@value EventLog#DEFAULT_CAPACITY} lines). */
    public List<LogEntry> log(Token token) {
        return session(token).map(TokenSession::log).orElse(List.of());
    }

    public List<KeptToken> all() {
        List<KeptToken> out = new ArrayList<>();
        for (TokenSession session : sessions.values()) {
            out.add(session.snapshot());
        }
        return out;
    }

    /** Tests whether anything accepts a TCP connection on localhost:port within {@code timeout}. Blocks. */
    public static LocalService probeLocal(int port, Duration timeout) {
        return RoundTrip.probeLocal(port, timeout);
    }

    /**
     * Closes every connection with a close frame and waits (up to 2 s) until the registry has them
     * closed, then releases the engine's threads. For quitting the app or the CLI.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RegistryLink> closing = new ArrayList<>();
        for (TokenSession session : sessions.values()) {
            session.quit().ifPresent(closing::add);
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        // Handshakes in flight finish and, seeing the engine closed, close their new socket at once.
        connects.shutdown();
        try {
            connects.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing.addAll(engine.strays());
        for (RegistryLink link : closing) {
            link.awaitClosed(Duration.ofNanos(deadline - System.nanoTime()));
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        // Upgrades still in flight open after this point: they get their close frame too.
        engine.sockets().closeAll("quitting", Duration.ofNanos(Math.max(0, deadline - System.nanoTime()) + CLOSE_WAIT.toNanos() / 2));
        timers.shutdownNow();
        engine.roundTrip().close();
        connects.shutdownNow();
        engine.sockets().close();
    }

    private Optional<TokenSession> session(Token token) {
        return Optional.ofNullable(sessions.get(token));
    }
}
