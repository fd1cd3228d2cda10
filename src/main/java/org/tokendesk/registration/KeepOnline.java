package org.tokendesk.registration;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import javax.net.ssl.SSLException;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.ThreadPoolConfig;
import org.glassfish.tyrus.client.exception.DeploymentHandshakeException;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer;

import org.tokendesk.Version;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Workers;
import org.tokendesk.protocol.EventName;
import org.tokendesk.protocol.Frame;
import org.tokendesk.protocol.FrameLimits;
import org.tokendesk.protocol.FrameProblem;
import org.tokendesk.protocol.FrameRead;
import org.tokendesk.protocol.Methods;
import org.tokendesk.protocol.Registrant;
import org.tokendesk.protocol.RpcMessage;
import org.tokendesk.protocol.RpcProblem;
import org.tokendesk.protocol.SubProtocol;
import org.tokendesk.protocol.TokenCredential;
import org.tokendesk.registration.LogEntry.Event;
import org.tokendesk.registration.RegistrationState.Connecting;
import org.tokendesk.registration.RegistrationState.Off;
import org.tokendesk.registration.RegistrationState.Online;
import org.tokendesk.registration.RegistrationState.Rejected;
import org.tokendesk.registration.RegistrationState.Retrying;
import org.tokendesk.registration.RegistrationState.Stopped;
import org.tokendesk.token.Token;

/**
 * Keeps chosen tokens registered at their registry, each over its own WebSocket, all on one Tyrus
 * client container: answers the registry's port queries, pings, reconnects with jittered backoff,
 * and checks the round trip through discovery.
 *
 * <p>Public methods never block on the network: they change the wanted state and hand the work
 * to the engine's own threads. Listeners are called on those threads, in order per token; they
 * must return quickly (the UI hops to its own thread).
 */
public final class KeepOnline implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KeepOnline.class.getName());
    /** Frames (and messages) above this are refused. */
    public static final int MAX_FRAME_BYTES = FrameLimits.DEFAULT.maxChars();
    public static final int DEFAULT_CONNECT_THREADS = 4;
    /** Tyrus's minimum; frames are handled in microseconds, so a few threads serve hundreds of sockets. */
    private static final int WORKER_THREADS = 3;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** Told about every change of a token's snapshot, and about every log line. */
    public interface Listener {
        void changed(KeptToken status);

        default void logged(Token token, LogEntry entry) {
        }
    }

    private final DiscoveryClient discovery;
    private final Timing timing;
    private final Clock clock;
    private final Backoff backoff;
    private final String clientId;
    private final ClientManager websockets;
    private final ScheduledExecutorService timers;
    private final ThreadPoolExecutor connects;
    private final ThreadPoolExecutor checks;
    private final Map<Token, Slot> slots = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Connections that completed their handshake after they stopped being wanted: closing, awaited on quit. */
    private final java.util.Set<Endpoint> strays = ConcurrentHashMap.newKeySet();
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
        this.discovery = discovery;
        this.timing = timing;
        this.clock = clock;
        this.backoff = new Backoff(timing.backoffBase(), timing.backoffCap(), random);
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        this.clientId = "tokendesk-" + HexFormat.of().formatHex(id);
        this.websockets = newContainer(timing);
        this.timers = new ScheduledThreadPoolExecutor(1, Workers.daemon("keep-online-timer"));
        ((ScheduledThreadPoolExecutor) timers).setRemoveOnCancelPolicy(true);
        this.connects = Workers.bounded("keep-online-connect", connectThreads);
        this.checks = Workers.bounded("keep-online-check", 2);
    }

    /**
     * One shared Grizzly transport with a small fixed worker pool: without these settings Tyrus
     * starts a transport per connection or grows its pool without bound (TOOLCHAIN.md).
     */
    private static ClientManager newContainer(Timing timing) {
        ClientManager client = ClientManager.createClient(GrizzlyClientContainer.class.getName());
        Map<String, Object> p = client.getProperties();
        p.put(ClientProperties.SHARED_CONTAINER, true);
        p.put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 10);
        ThreadPoolConfig workers = ThreadPoolConfig.defaultConfig()
                .setPoolName("keep-online-io").setMaxPoolSize(WORKER_THREADS).setCorePoolSize(WORKER_THREADS).setDaemon(true);
        p.put(ClientProperties.WORKER_THREAD_POOL_CONFIG, workers);
        p.put(ClientProperties.HANDSHAKE_TIMEOUT, timing.handshakeTimeout().toMillis());
        p.put(ClientProperties.INCOMING_BUFFER_SIZE, MAX_FRAME_BYTES + 16);
        p.put(ClientProperties.REDIRECT_ENABLED, false);
        client.setDefaultMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        client.setDefaultMaxBinaryMessageBufferSize(64 * 1024);
        return client;
    }

    /** The id this process sends in its sub-protocol ({@code io|0.0.1|<id>||<port>}). */
    public String clientId() {
        return clientId;
    }

    public Runnable addListener(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
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
        Slot slot = slots.computeIfAbsent(token, Slot::new);
        synchronized (slot) {
            boolean same = slot.wanted && registry.equals(slot.registry) && port == slot.port;
            if (same && !(slot.state instanceof Rejected) && !(slot.state instanceof Stopped)) {
                return;
            }
            slot.registry = registry;
            slot.port = port;
            slot.wanted = true;
            slot.attempt = 0;
            slot.verification = new Verification.NotChecked();
            slot.local = new LocalService.NotChecked();
            log(slot, Event.SWITCHED_ON, registry.displayName() + " port " + port);
            connectNow(slot);
        }
    }

    /** Stops keeping the token online: closes its connection with a close frame. It stays listed (Off). */
    public void stop(Token token) {
        Slot slot = slots.get(token);
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            if (!slot.wanted && slot.state instanceof Off) {
                return;
            }
            slot.wanted = false;
            detach(slot, "switched off");
            log(slot, Event.SWITCHED_OFF, "");
            setState(slot, new Off());
        }
    }

    /** Stops and forgets the token (it was removed from the list). */
    public void remove(Token token) {
        stop(token);
        slots.remove(token);
    }

    /** Skips the wait of a token that is retrying and connects now. */
    public void retryNow(Token token) {
        Slot slot = slots.get(token);
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            if (slot.wanted && slot.state instanceof Retrying) {
                connectNow(slot);
            }
        }
    }

    /** Resolves the token through discovery again and reports whether it leads back to us. */
    public void verify(Token token) {
        Slot slot = slots.get(token);
        if (slot != null) {
            synchronized (slot) {
                startVerification(slot);
            }
        }
    }

    /** Tests again whether something listens on localhost:port. */
    public void checkLocalService(Token token) {
        Slot slot = slots.get(token);
        if (slot != null) {
            synchronized (slot) {
                startLocalCheck(slot);
            }
        }
    }

    /** The current snapshot, or empty for a token the engine never saw (or removed). */
    public Optional<KeptToken> status(Token token) {
        Slot slot = slots.get(token);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            return Optional.of(slot.snapshot());
        }
    }

    public RegistrationState state(Token token) {
        return status(token).map(KeptToken::state).orElse(new Off());
    }

    /** The token's event log, oldest first (bounded: the last {@value EventLog#DEFAULT_CAPACITY} lines). */
    public List<LogEntry> log(Token token) {
        Slot slot = slots.get(token);
        return slot == null ? List.of() : slot.log.entries();
    }

    public List<KeptToken> all() {
        List<KeptToken> out = new ArrayList<>();
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                out.add(slot.snapshot());
            }
        }
        return out;
    }

    /** Tests whether anything accepts a TCP connection on localhost:port within {@code timeout}. Blocks. */
    public static LocalService probeLocal(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), (int) Math.max(1, timeout.toMillis()));
            return new LocalService.Listening(port);
        } catch (SocketTimeoutException e) {
            return new LocalService.NotListening(port, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new LocalService.NotListening(port, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
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
        List<Endpoint> closing = new ArrayList<>();
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                slot.wanted = false;
                if (slot.endpoint != null) {
                    closing.add(slot.endpoint);
                }
                detach(slot, "quitting");
                setState(slot, new Off());
            }
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        // Handshakes in flight finish and, seeing the engine closed, close their new socket at once.
        connects.shutdown();
        try {
            connects.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing.addAll(strays);
        for (Endpoint endpoint : closing) {
            try {
                endpoint.closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timers.shutdownNow();
        checks.shutdownNow();
        connects.shutdownNow();
        websockets.shutdown();
    }

    /** Starts a fresh connection attempt now (closing any current one first). Caller holds the slot lock. */
    private void connectNow(Slot slot) {
        detach(slot, "reconnecting");
        int generation = slot.generation;
        setState(slot, new Connecting(slot.attempt));
        CompletableFuture<Void> previous = slot.closing;
        connects.execute(() -> connect(slot, generation, previous));
    }

    /**
     * Forgets the current connection and any pending timer: callbacks of the old generation are
     * ignored from now on. The old socket gets its close frame on a connect thread. Caller holds the lock.
     */
    private void detach(Slot slot, String reason) {
        slot.generation++;
        cancel(slot.retryTimer);
        cancel(slot.pingTimer);
        slot.retryTimer = null;
        slot.pingTimer = null;
        Endpoint old = slot.endpoint;
        slot.endpoint = null;
        if (old != null && old.session != null) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            slot.closing = done;
            Runnable close = () -> {
                old.closeQuietly(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, reason));
                // Tyrus reports the close once the registry echoed it: only then is the old one gone there.
                try {
                    old.closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.complete(null);
            };
            if (closed) {
                old.closeQuietly(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, reason));
            } else {
                connects.execute(close);
            }
        }
    }

    private void connect(Slot slot, int generation, CompletableFuture<Void> previous) {
        if (previous != null) {
            // Close before reopen: the registry asks the OLDEST connection of a token.
            try {
                previous.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Bounded wait; the old socket has its close frame queued either way.
            }
        }
        Registry registry;
        int port;
        Endpoint endpoint;
        synchronized (slot) {
            if (slot.generation != generation || !slot.wanted || closed) {
                return;
            }
            registry = slot.registry;
            port = slot.port;
            endpoint = new Endpoint(slot, generation);
            log(slot, Event.CONNECTING, registry.websocketUrl().toString());
        }
        String token = slot.token.reveal();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(SubProtocol.io(clientId, "", port).format()))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Authorization", List.of(TokenCredential.header(token)));
                    }
                })
                .build();
        URI uri = registry.websocketUrl();
        try {
            websockets.connectToServer(endpoint, config, uri);
        } catch (DeploymentException e) {
            int status = httpStatus(e);
            if (status == 401 || status == 403) {
                rejected(slot, generation, status);
            } else {
                failed(slot, generation, describe(e, status, slot.token));
            }
        } catch (IOException | RuntimeException e) {
            failed(slot, generation, describe(e, 0, slot.token));
        }
    }

    private void rejected(Slot slot, int generation, int status) {
        synchronized (slot) {
            if (slot.generation != generation || !slot.wanted) {
                return;
            }
            log(slot, Event.REJECTED, "HTTP " + status);
            setState(slot, new Rejected(status));
        }
    }

    private void failed(Slot slot, int generation, Drop drop) {
        synchronized (slot) {
            if (slot.generation != generation || !slot.wanted) {
                return;
            }
            log(slot, Event.DROPPED, drop.cause() + (drop.detail().isEmpty() ? "" : ": " + drop.detail()));
            scheduleRetry(slot, drop);
        }
    }

    /** Caller holds the lock; the slot's current connection (if any) is already detached. */
    private void scheduleRetry(Slot slot, Drop drop) {
        Instant now = clock.instant();
        if (slot.onlineSince != null && Duration.between(slot.onlineSince, now).compareTo(timing.stableAfter()) >= 0) {
            slot.attempt = 0;
        }
        slot.onlineSince = null;
        if (slot.attempt == 0 || slot.failingSince == null) {
            slot.failingSince = now;
        }
        slot.attempt++;
        Duration delay = backoff.delay(slot.attempt, Duration.between(slot.failingSince, now));
        int generation = slot.generation;
        log(slot, Event.RETRYING, delay.toMillis() + " ms");
        setState(slot, new Retrying(now.plus(delay), slot.attempt, drop));
        slot.retryTimer = timers.schedule(() -> {
            synchronized (slot) {
                if (slot.generation == generation && slot.wanted && !closed) {
                    connectNow(slot);
                }
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void opened(Endpoint endpoint, Session session) {
        Slot slot = endpoint.slot;
        synchronized (slot) {
            if (slot.generation != endpoint.generation || !slot.wanted || closed) {
                endpoint.stale = true;
            } else {
                slot.endpoint = endpoint;
                Instant now = clock.instant();
                slot.onlineSince = now;
                slot.pongSinceLastPing = true;
                slot.missedPongs = 0;
                log(slot, Event.CONNECTED, "");
                setState(slot, new Online(now, 0, Optional.empty()));
                long every = timing.pingInterval().toNanos();
                slot.pingTimer = timers.scheduleAtFixedRate(() -> ping(slot, endpoint), every, every, TimeUnit.NANOSECONDS);
                startVerification(slot);
                startLocalCheck(slot);
            }
        }
        if (endpoint.stale) {
            strays.add(endpoint);
            endpoint.closeQuietly(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, closed ? "quitting" : "switched off"));
            return;
        }
        endpoint.send(Frame.of(EventName.SYS, "TokenDesk " + Version.current() + " with client id: " + clientId).toJson());
        // Asks what address the registry would hand out now (127.0.0.1 from afar = it cannot reach us).
        endpoint.send(Frame.of(EventName.HOSTIE, null).toJson());
    }

    private void ping(Slot slot, Endpoint endpoint) {
        synchronized (slot) {
            if (slot.endpoint != endpoint) {
                return;
            }
            if (slot.pongSinceLastPing) {
                slot.missedPongs = 0;
            } else {
                slot.missedPongs++;
            }
            if (slot.missedPongs >= 2) {
                log(slot, Event.HALF_OPEN, Long.toString(timing.pingInterval().toMillis() * 2) + " ms");
                detach(slot, "no pong");
                scheduleRetry(slot, new Drop(Drop.Cause.NO_PONG, ""));
                return;
            }
            slot.pongSinceLastPing = false;
        }
        try {
            endpoint.session.getAsyncRemote().sendPing(EMPTY.duplicate());
        } catch (IOException | RuntimeException e) {
            // A failed ping is a missed pong; the next tick decides.
        }
    }

    private void closedByPeer(Endpoint endpoint, Drop drop) {
        Slot slot = endpoint.slot;
        synchronized (slot) {
            if (slot.endpoint != endpoint) {
                return;
            }
            slot.endpoint = null;
            slot.generation++;
            cancel(slot.pingTimer);
            slot.pingTimer = null;
            log(slot, Event.DROPPED, drop.cause() + (drop.detail().isEmpty() ? "" : ": " + drop.detail()));
            if (slot.wanted && !closed) {
                scheduleRetry(slot, drop);
            }
        }
    }

    private void received(Endpoint endpoint, String text) {
        Slot slot = endpoint.slot;
        FrameRead read = Frame.read(text);
        String reply = null;
        synchronized (slot) {
            if (!current(slot, endpoint)) {
                return;
            }
            slot.pongSinceLastPing = true;
            if (read instanceof FrameRead.Malformed m) {
                log(slot, m.problem() == FrameProblem.TOO_LARGE ? Event.TOO_LARGE : Event.GARBAGE,
                        m.problem().why() + ": " + Texts.scrub(text, slot.token, 60));
                return;
            }
            Frame frame = ((FrameRead.Ok) read).frame();
            Optional<RpcMessage> rpc = frame.rpc();
            if (rpc.isEmpty()) {
                event(slot, frame);
                return;
            }
            RpcMessage message = rpc.get();
            if (message instanceof RpcMessage.Request q && Methods.isPortQuery(q.method())) {
                log(slot, Event.QUERIED, q.method() + " id " + Texts.scrub(q.id().toString(), slot.token, 40));
                log(slot, Event.ANSWERED, Integer.toString(slot.port));
                if (slot.state instanceof Online online) {
                    setState(slot, online.answered());
                }
            } else if (message instanceof RpcMessage.Request u) {
                log(slot, Event.UNKNOWN_METHOD, Texts.scrub(u.method(), slot.token, 60));
            } else if (message instanceof RpcMessage.Invalid i && i.problem() == RpcProblem.NOT_AN_OBJECT) {
                log(slot, Event.GARBAGE, i.problem().why() + ": " + Texts.scrub(text, slot.token, 60));
            } else {
                log(slot, Event.IGNORED, "jsonrpc " + Texts.scrub(noReply(message), slot.token, 80));
            }
            reply = Registrant.answer(message, slot.port).map(m -> m.toFrame().toJson()).orElse(null);
        }
        if (reply != null) {
            endpoint.send(reply);
        }
    }

    private static String noReply(RpcMessage message) {
        if (message instanceof RpcMessage.Notification n) {
            return "notification " + n.method();
        }
        if (message instanceof RpcMessage.Error) {
            return "error response";
        }
        if (message instanceof RpcMessage.Result) {
            return "response";
        }
        return message instanceof RpcMessage.Invalid i ? i.problem().why() : message.getClass().getSimpleName();
    }

    /** Caller holds the lock. Nothing here runs code or exits: {@code botie}, {@code logout}, {@code reset} are only logged. */
    private void event(Slot slot, Frame event) {
        String payload = Texts.scrub(event.payloadText(), slot.token, 120);
        switch (event.name()) {
            case "sys" -> {
                if (payload.equals(EventName.REGISTERED)) {
                    log(slot, Event.REGISTERED, "");
                } else if (!payload.equals(EventName.ROGER)) {
                    log(slot, Event.IGNORED, "sys " + payload);
                }
            }
            case "hostie" -> {
                if (event.textPayload().isPresent() && slot.state instanceof Online online) {
                    String host = Texts.scrub(event.textPayload().get().strip(), slot.token, 100);
                    log(slot, Event.REACHABLE_AS, host);
                    setState(slot, online.reachableAs(host));
                }
            }
            case "shutdown" -> {
                log(slot, Event.STOPPED, payload);
                slot.wanted = false;
                detach(slot, "shutdown received");
                setState(slot, new Stopped(payload));
            }
            default -> log(slot, Event.IGNORED, Texts.scrub(event.name(), slot.token, 40) + (payload.isEmpty() ? "" : " " + Texts.shorten(payload, 60)));
        }
    }

    private void binary(Endpoint endpoint, int size) {
        Slot slot = endpoint.slot;
        synchronized (slot) {
            if (current(slot, endpoint)) {
                log(slot, Event.GARBAGE, "binary frame of " + size + " bytes");
            }
        }
    }

    /** Frames of a connection count from its handshake until it is detached. Caller holds the lock. */
    private static boolean current(Slot slot, Endpoint endpoint) {
        return slot.generation == endpoint.generation && !endpoint.stale;
    }

    private void tooLarge(Endpoint endpoint, long size) {
        Slot slot = endpoint.slot;
        synchronized (slot) {
            if (current(slot, endpoint)) {
                log(slot, Event.TOO_LARGE, size + " bytes");
            }
        }
    }

    /** Caller holds the lock. */
    private void startVerification(Slot slot) {
        if (discovery == null || closed || !(slot.state instanceof Online)) {
            return;
        }
        Registry registry = slot.registry;
        int port = slot.port;
        int generation = slot.generation;
        setVerification(slot, new Verification.Checking());
        discovery.lookup(registry, slot.token).thenAccept(lookup -> {
            synchronized (slot) {
                if (slot.generation != generation) {
                    return;
                }
                Verification v = Verification.of(lookup, port);
                log(slot, v instanceof Verification.Verified ? Event.VERIFIED : Event.VERIFY_MISMATCH, describe(v));
                setVerification(slot, v);
            }
        });
    }

    /** Caller holds the lock. */
    private void startLocalCheck(Slot slot) {
        if (closed) {
            return;
        }
        int port = slot.port;
        checks.execute(() -> {
            LocalService result = probeLocal(port, timing.localCheckTimeout());
            synchronized (slot) {
                if (slot.port != port) {
                    return;
                }
                if (result instanceof LocalService.NotListening n) {
                    log(slot, Event.LOCAL_NOT_LISTENING, port + ": " + n.detail());
                } else {
                    log(slot, Event.LOCAL_LISTENING, Integer.toString(port));
                }
                slot.local = result;
                notifyChanged(slot);
            }
        });
    }

    private static String describe(Verification v) {
        if (v instanceof Verification.Verified ok) {
            return ok.host() + ":" + ok.port();
        }
        if (v instanceof Verification.OtherPort other) {
            return other.host() + ":" + other.port() + " (expected port " + other.expected() + ")";
        }
        if (v instanceof Verification.Unreachable u) {
            return "unreachable " + u.publicIp().orElse("?") + ":" + u.port();
        }
        if (v instanceof Verification.NotRegistered n) {
            return "not registered (" + n.status() + ")";
        }
        if (v instanceof Verification.Failed f) {
            return f.lookup().failure() + ": " + f.lookup().detail();
        }
        return v.toString();
    }

    private void setVerification(Slot slot, Verification verification) {
        slot.verification = verification;
        notifyChanged(slot);
    }

    private void setState(Slot slot, RegistrationState state) {
        slot.state = state;
        notifyChanged(slot);
    }

    private void notifyChanged(Slot slot) {
        KeptToken snapshot = slot.snapshot();
        for (Listener listener : listeners) {
            try {
                listener.changed(snapshot);
            } catch (RuntimeException e) {
                // A broken listener must not break the registration.
            }
        }
    }

    private void log(Slot slot, Event event, String detail) {
        LogEntry entry = new LogEntry(clock.instant(), event, detail);
        slot.log.add(entry);
        // The app's log file keeps what the window's event list forgets; the token is masked here too.
        LOG.log(event == Event.QUERIED || event == Event.ANSWERED ? Level.FINE : Level.INFO,
                () -> slot.token.masked() + " " + event + (detail.isEmpty() ? "" : ": " + detail));
        for (Listener listener : listeners) {
            try {
                listener.logged(slot.token, entry);
            } catch (RuntimeException e) {
                // As above.
            }
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private static int httpStatus(DeploymentException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeploymentHandshakeException h) {
                return h.getHttpStatusCode();
            }
            if (t instanceof org.glassfish.tyrus.core.HandshakeException h) {
                return h.getHttpStatusCode();
            }
        }
        return 0;
    }

    static Drop describe(Throwable e, int status, Token token) {
        String message = Texts.scrub(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), token, 160);
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : Texts.scrub(t.getMessage(), token, 160);
            if (t instanceof UnknownHostException) {
                return new Drop(Drop.Cause.DNS, m);
            }
            if (t instanceof SSLException) {
                return new Drop(Drop.Cause.TLS, m);
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return new Drop(Drop.Cause.TIMEOUT, m);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new Drop(Drop.Cause.CANNOT_CONNECT, m.isEmpty() ? "connection refused" : m);
            }
        }
        if (status > 0) {
            return new Drop(Drop.Cause.HTTP_STATUS, "HTTP " + status);
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("timeout") || lower.contains("timed out") || lower.contains("not received")) {
            return new Drop(Drop.Cause.TIMEOUT, message);
        }
        if (lower.contains("connection refused") || lower.contains("connection closed") || lower.contains("connection reset")) {
            return new Drop(Drop.Cause.CANNOT_CONNECT, message);
        }
        return new Drop(Drop.Cause.OTHER, message);
    }

    /** Everything the engine knows about one token. Guarded by its own monitor. */
    private static final class Slot {
        final Token token;
        final EventLog log = new EventLog(EventLog.DEFAULT_CAPACITY);
        Registry registry;
        int port;
        boolean wanted;
        int generation;
        int attempt;
        Endpoint endpoint;
        Instant onlineSince;
        Instant failingSince;
        boolean pongSinceLastPing;
        int missedPongs;
        ScheduledFuture<?> retryTimer;
        ScheduledFuture<?> pingTimer;
        CompletableFuture<Void> closing;
        RegistrationState state = new Off();
        Verification verification = new Verification.NotChecked();
        LocalService local = new LocalService.NotChecked();

        Slot(Token token) {
            this.token = token;
        }

        KeptToken snapshot() {
            return new KeptToken(token, registry, port, state, verification, local);
        }
    }

    /** One WebSocket connection attempt of one token. */
    private final class Endpoint extends jakarta.websocket.Endpoint {
        final Slot slot;
        final int generation;
        final CountDownLatch closed = new CountDownLatch(1);
        final StringBuilder partial = new StringBuilder();
        volatile Session session;
        volatile boolean stale;
        boolean discarding;
        long discardedBytes;

        Endpoint(Slot slot, int generation) {
            this.slot = slot;
            this.generation = generation;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            this.session = session;
            session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
            session.setMaxIdleTimeout(0);
            session.addMessageHandler(new MessageHandler.Partial<String>() {
                @Override
                public void onMessage(String part, boolean last) {
                    text(part, last);
                }
            });
            session.addMessageHandler(new MessageHandler.Whole<PongMessage>() {
                @Override
                public void onMessage(PongMessage pong) {
                    synchronized (slot) {
                        if (slot.endpoint == Endpoint.this) {
                            slot.pongSinceLastPing = true;
                        }
                    }
                }
            });
            session.addMessageHandler(new MessageHandler.Whole<ByteBuffer>() {
                @Override
                public void onMessage(ByteBuffer data) {
                    binary(Endpoint.this, data.remaining());
                }
            });
            opened(this, session);
        }

        /** Gathers a text message from its frames; one over the limit is dropped, not fatal. */
        private void text(String part, boolean last) {
            if (!discarding && partial.length() + part.length() > MAX_FRAME_BYTES) {
                discarding = true;
                discardedBytes = partial.length();
                partial.setLength(0);
            }
            if (discarding) {
                discardedBytes += part.length();
            } else {
                partial.append(part);
            }
            if (!last) {
                return;
            }
            if (discarding) {
                discarding = false;
                tooLarge(this, discardedBytes);
                return;
            }
            String message = partial.toString();
            partial.setLength(0);
            received(this, message);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.countDown();
            strays.remove(this);
            int code = reason.getCloseCode().getCode();
            Drop.Cause cause = code == CloseReason.CloseCodes.TOO_BIG.getCode() ? Drop.Cause.TOO_LARGE : Drop.Cause.CLOSED;
            String phrase = reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase();
            closedByPeer(this, new Drop(cause, code + (phrase.isEmpty() ? "" : " " + Texts.scrub(phrase, slot.token, 100))));
        }

        @Override
        public void onError(Session session, Throwable error) {
            if (session != null && !session.isOpen()) {
                closed.countDown();
                closedByPeer(this, describe(error, 0, slot.token));
            }
        }

        void send(String text) {
            Session s = session;
            if (s != null && s.isOpen()) {
                try {
                    s.getAsyncRemote().sendText(text);
                } catch (RuntimeException e) {
                    // The close handler reports a dead connection.
                }
            }
        }

        void closeQuietly(CloseReason reason) {
            Session s = session;
            if (s == null) {
                closed.countDown();
                return;
            }
            try {
                if (s.isOpen()) {
                    s.close(reason);
                } else {
                    closed.countDown();
                }
            } catch (IOException | RuntimeException e) {
                closed.countDown();
            }
        }
    }
}
