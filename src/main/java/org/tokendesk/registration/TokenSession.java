package org.tokendesk.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.tokendesk.discovery.Registry;
import org.tokendesk.protocol.SubProtocol;
import org.tokendesk.registration.LogEntry.Event;
import org.tokendesk.registration.RegistrationState.Connecting;
import org.tokendesk.registration.RegistrationState.Off;
import org.tokendesk.registration.RegistrationState.Online;
import org.tokendesk.registration.RegistrationState.Rejected;
import org.tokendesk.registration.RegistrationState.Retrying;
import org.tokendesk.registration.RegistrationState.Stopped;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenScrubber;

/**
 * One token's registration as a state machine: Off, Connecting, Online, Retrying, Rejected,
 * Stopped. Every change happens under the session's monitor; log lines and snapshots are queued
 * there and handed to the listeners after the monitor is left ({@link #deliver()}), in order, so
 * file writes never sit on the IO threads' path that answers port queries.
 *
 * <p>A generation number ties timers and links to one connection: callbacks of an older
 * generation are ignored.
 */
final class TokenSession implements RegistryLink.Handler {
    /** How long a first "not registered" right after connecting waits before it is asked again. */
    static final Duration VERIFY_AGAIN_AFTER = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    final Token token;
    private final Engine engine;
    private final EventLog log = new EventLog(EventLog.DEFAULT_CAPACITY);
    private final Outbox outbox;
    private Registry registry;
    private int port;
    private boolean wanted;
    private int generation;
    private RegistryLink link;
    private final RetryClock retries;
    private boolean pongSinceLastPing;
    private int missedPongs;
    private ScheduledFuture<?> retryTimer;
    private ScheduledFuture<?> pingTimer;
    private CompletableFuture<Void> closing;
    private RegistrationState state = new Off();
    private Verification verification = new Verification.NotChecked();
    private LocalService local = new LocalService.NotChecked();

    TokenSession(Token token, Engine engine) {
        this.token = token;
        this.engine = engine;
        this.outbox = new Outbox(token, engine.listeners());
        this.retries = new RetryClock(engine.backoff(), engine.timing().stableAfter());
    }

    void keep(Registry registry, int port) {
        synchronized (this) {
            boolean same = wanted && registry.equals(this.registry) && port == this.port;
            if (same && !(state instanceof Rejected) && !(state instanceof Stopped)) {
                return;
            }
            this.registry = registry;
            this.port = port;
            wanted = true;
            retries.reset();
            verification = new Verification.NotChecked();
            local = new LocalService.NotChecked();
            log(Event.SWITCHED_ON, registry.displayName() + " port " + port);
            connectNow();
        }
        deliver();
    }

    void stop() {
        synchronized (this) {
            if (!wanted && state instanceof Off) {
                return;
            }
            wanted = false;
            detach("switched off");
            log(Event.SWITCHED_OFF, "");
            setState(new Off());
        }
        deliver();
    }

    void retryNow() {
        synchronized (this) {
            if (wanted && state instanceof Retrying) {
                connectNow();
            }
        }
        deliver();
    }

    void verify() {
        synchronized (this) {
            startVerification();
        }
        deliver();
    }

    void checkLocalService() {
        synchronized (this) {
            startLocalCheck();
        }
        deliver();
    }

    synchronized KeptToken snapshot() {
        return new KeptToken(token, registry, port, state, verification, local);
    }

    List<LogEntry> log() {
        return log.entries();
    }

    /** For quitting: no longer wanted, the link gets its close frame now. Returns the link to await, if any. */
    Optional<RegistryLink> quit() {
        RegistryLink open;
        synchronized (this) {
            wanted = false;
            open = link;
            detach("quitting");
            setState(new Off());
        }
        deliver();
        return Optional.ofNullable(open);
    }

    /** Starts a fresh connection attempt now (closing any current one first). Caller holds the lock. */
    private void connectNow() {
        detach("reconnecting");
        int g = generation;
        setState(new Connecting(retries.attempt()));
        CompletableFuture<Void> previous = closing;
        engine.connects().execute(() -> connect(g, previous));
    }

    /**
     * Forgets the current link and any pending timer: callbacks of the old generation are ignored
     * from now on. The old socket gets its close frame on a connect thread. Caller holds the lock.
     */
    private void detach(String reason) {
        generation++;
        cancel(retryTimer);
        cancel(pingTimer);
        retryTimer = null;
        pingTimer = null;
        RegistryLink old = link;
        link = null;
        if (old != null && old.hasSession()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            closing = done;
            if (engine.isClosed()) {
                old.close(reason);
            } else {
                engine.connects().execute(() -> {
                    old.close(reason);
                    // Tyrus reports the close once the registry echoed it: only then is the old one gone there.
                    old.awaitClosed(CLOSE_WAIT);
                    done.complete(null);
                });
            }
        }
    }

    private void connect(int g, CompletableFuture<Void> previous) {
        if (previous != null) {
            // Close before reopen: the registry asks the OLDEST connection of a token.
            try {
                previous.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Bounded wait; the old socket has its close frame queued either way.
            }
        }
        RegistryLink next;
        Registry at;
        int advertised;
        synchronized (this) {
            if (generation != g || !wanted || engine.isClosed()) {
                return;
            }
            at = registry;
            advertised = port;
            next = engine.sockets().newLink(this, g, token);
            // Masked as the registry's name is: a registry URL can carry a token in its path.
            log(Event.CONNECTING, TokenScrubber.scrubTokenShaped(at.websocketUrl().toString()));
        }
        deliver();
        engine.sockets().open(next, at.websocketUrl(), token, SubProtocol.io(engine.clientId(), "", advertised))
                .thenAccept(refused -> refused.ifPresent(r -> refused(g, r)));
    }

    private void refused(int g, RegistrySockets.Refused refused) {
        synchronized (this) {
            if (generation != g || !wanted) {
                return;
            }
            if (refused instanceof RegistrySockets.Rejected r) {
                log(Event.REJECTED, "HTTP " + r.status());
                setState(new Rejected(r.status()));
            } else {
                Drop drop = ((RegistrySockets.Failed) refused).drop();
                log(Event.DROPPED, describe(drop));
                scheduleRetry(drop);
            }
        }
        deliver();
    }

    /** Caller holds the lock; the current link (if any) is already detached. */
    private void scheduleRetry(Drop drop) {
        Instant now = engine.clock().instant();
        RetryClock.Retry retry = retries.failed(now);
        Duration delay = retry.delay();
        int g = generation;
        log(Event.RETRYING, delay.toMillis() + " ms");
        setState(new Retrying(now.plus(delay), retry.attempt(), drop));
        retryTimer = engine.timers().schedule(() -> {
            synchronized (this) {
                if (generation == g && wanted && !engine.isClosed()) {
                    connectNow();
                }
            }
            deliver();
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void opened(RegistryLink opened) {
        synchronized (this) {
            if (generation != opened.generation || !wanted || engine.isClosed()) {
                opened.stale = true;
            } else {
                link = opened;
                Instant now = engine.clock().instant();
                retries.online(now);
                pongSinceLastPing = true;
                missedPongs = 0;
                log(Event.CONNECTED, "");
                setState(new Online(now, 0, Optional.empty()));
                long every = engine.timing().pingInterval().toNanos();
                pingTimer = engine.timers().scheduleAtFixedRate(() -> ping(opened), every, every, TimeUnit.NANOSECONDS);
                startVerification();
                startLocalCheck();
            }
        }
        if (opened.stale) {
            engine.strays().add(opened);
            opened.close(engine.isClosed() ? "quitting" : "switched off");
            return;
        }
        for (String frame : Conversation.greeting(engine.clientId())) {
            opened.send(frame);
        }
        deliver();
    }

    @Override
    public void text(RegistryLink from, String message) {
        String reply;
        synchronized (this) {
            if (!current(from)) {
                return;
            }
            pongSinceLastPing = true;
            Conversation.Turn turn = Conversation.receive(message, token, port, state instanceof Online);
            for (Conversation.Line line : turn.lines()) {
                log(line.event(), line.detail());
            }
            apply(turn.effect());
            reply = turn.reply().orElse(null);
        }
        if (reply != null) {
            from.send(reply);
        }
        deliver();
    }

    /** Caller holds the lock. */
    private void apply(Conversation.Effect effect) {
        if (effect instanceof Conversation.Answered && state instanceof Online online) {
            setState(online.answered());
        } else if (effect instanceof Conversation.ReachableAs r && state instanceof Online online) {
            setState(online.reachableAs(r.host()));
        } else if (effect instanceof Conversation.Shutdown s) {
            wanted = false;
            detach("shutdown received");
            setState(new Stopped(s.reason()));
        }
    }

    @Override
    public void tooLarge(RegistryLink from, long size) {
        synchronized (this) {
            if (current(from)) {
                log(Event.TOO_LARGE, size + " bytes");
            }
        }
        deliver();
    }

    @Override
    public void binary(RegistryLink from, int size) {
        synchronized (this) {
            if (current(from)) {
                log(Event.GARBAGE, "binary frame of " + size + " bytes");
            }
        }
        deliver();
    }

    @Override
    public synchronized void pong(RegistryLink from) {
        if (link == from) {
            pongSinceLastPing = true;
        }
    }

    @Override
    public void closed(RegistryLink from, Drop drop) {
        engine.strays().remove(from);
        synchronized (this) {
            if (link != from) {
                return;
            }
            link = null;
            generation++;
            cancel(pingTimer);
            pingTimer = null;
            log(Event.DROPPED, describe(drop));
            if (wanted && !engine.isClosed()) {
                scheduleRetry(drop);
            }
        }
        deliver();
    }

    private void ping(RegistryLink on) {
        synchronized (this) {
            if (link != on) {
                return;
            }
            missedPongs = pongSinceLastPing ? 0 : missedPongs + 1;
            if (missedPongs >= 2) {
                log(Event.HALF_OPEN, Long.toString(engine.timing().pingInterval().toMillis() * 2) + " ms");
                detach("no pong");
                scheduleRetry(new Drop(Drop.Cause.NO_PONG, ""));
            } else {
                pongSinceLastPing = false;
                on.ping();
            }
        }
        deliver();
    }

    /** Frames of a link count from its handshake until it is detached. Caller holds the lock. */
    private boolean current(RegistryLink from) {
        return generation == from.generation && !from.stale;
    }

    /** Caller holds the lock. */
    private void startVerification() {
        startVerification(true);
    }

    /**
     * Caller holds the lock. Our side of the upgrade can complete before the registry has filed the
     * connection, so a first "not registered" is asked again once, a moment later, before it counts.
     */
    private void startVerification(boolean mayAskAgain) {
        if (!engine.roundTrip().canVerify() || engine.isClosed() || !(state instanceof Online)) {
            return;
        }
        int g = generation;
        setVerification(new Verification.Checking());
        engine.roundTrip().verify(registry, token, port, v -> {
            synchronized (this) {
                if (generation != g) {
                    return;
                }
                if (mayAskAgain && v instanceof Verification.NotRegistered) {
                    engine.timers().schedule(() -> {
                        synchronized (this) {
                            if (generation == g) {
                                startVerification(false);
                            }
                        }
                        deliver();
                    }, VERIFY_AGAIN_AFTER.toNanos(), TimeUnit.NANOSECONDS);
                    return;
                }
                log(v instanceof Verification.Verified ? Event.VERIFIED : Event.VERIFY_MISMATCH, RoundTrip.describe(v));
                setVerification(v);
            }
            deliver();
        });
    }

    /** Caller holds the lock. */
    private void startLocalCheck() {
        if (engine.isClosed()) {
            return;
        }
        int checked = port;
        engine.roundTrip().checkLocal(checked, result -> {
            synchronized (this) {
                if (port != checked) {
                    return;
                }
                if (result instanceof LocalService.NotListening n) {
                    log(Event.LOCAL_NOT_LISTENING, checked + ": " + n.detail());
                } else {
                    log(Event.LOCAL_LISTENING, Integer.toString(checked));
                }
                local = result;
                changed();
            }
            deliver();
        });
    }

    private void setVerification(Verification v) {
        verification = v;
        changed();
    }

    private void setState(RegistrationState next) {
        state = next;
        changed();
    }

    /** Caller holds the lock: queues the snapshot as it is now. */
    private void changed() {
        outbox.queue(new KeptToken(token, registry, port, state, verification, local));
    }

    /** Caller holds the lock: the line goes into the token's log now, to the listeners on {@link #deliver()}. */
    private void log(Event event, String detail) {
        LogEntry entry = new LogEntry(engine.clock().instant(), event, detail);
        log.add(entry);
        outbox.queue(entry);
    }

    /** Hands queued notices to the listeners, outside the session's monitor. */
    void deliver() {
        outbox.deliver(this);
    }

    private static String describe(Drop drop) {
        return drop.cause() + (drop.detail().isEmpty() ? "" : ": " + drop.detail());
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
