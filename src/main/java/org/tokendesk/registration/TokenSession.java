package org.tokendesk.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * generation are ignored. When things happen (retry wait, heartbeat) is {@link SessionTimers};
 * the round trip and local check with their answers are {@link SessionChecks}; both run their
 * callbacks under this monitor and leave the transitions to this class.
 */
final class TokenSession implements RegistryLink.Handler, SessionChecks.Owner {
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
    private final SessionTimers timers;
    private final SessionChecks checks;
    private CompletableFuture<Void> closing;
    private RegistrationState state = new Off();

    TokenSession(Token token, Engine engine) {
        this.token = token;
        this.engine = engine;
        this.outbox = new Outbox(token, engine.listeners());
        this.retries = new RetryClock(engine.backoff(), engine.timing().stableAfter());
        this.timers = new SessionTimers(this, engine.timers(), engine.timing().pingInterval());
        this.checks = new SessionChecks(this, engine, timers);
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
            checks.forget();
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
            checks.verify();
        }
        deliver();
    }

    void checkLocalService() {
        synchronized (this) {
            checks.checkLocal();
        }
        deliver();
    }

    synchronized KeptToken snapshot() {
        return new KeptToken(token, registry, port, state, checks.verification(), checks.local());
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
        timers.cancelAll();
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
        timers.retryAfter(delay, () -> {
            if (generation == g && wanted && !engine.isClosed()) {
                connectNow();
            }
        });
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
                log(Event.CONNECTED, "");
                setState(new Online(now, 0, Optional.empty()));
                timers.startHeartbeat(() -> ping(opened));
                checks.verify();
                checks.checkLocal();
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
            timers.heard();
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
            timers.heard();
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
            timers.stopHeartbeat();
            log(Event.DROPPED, describe(drop));
            if (wanted && !engine.isClosed()) {
                scheduleRetry(drop);
            }
        }
        deliver();
    }

    /** A heartbeat tick, from {@link SessionTimers} with the lock held. */
    private void ping(RegistryLink on) {
        if (link != on) {
            return;
        }
        if (timers.beat() == SessionTimers.Beat.HALF_OPEN) {
            log(Event.HALF_OPEN, timers.halfOpenAfter().toMillis() + " ms");
            detach("no pong");
            scheduleRetry(new Drop(Drop.Cause.NO_PONG, ""));
        } else {
            on.ping();
        }
    }

    /** Frames of a link count from its handshake until it is detached. Caller holds the lock. */
    private boolean current(RegistryLink from) {
        return generation == from.generation && !from.stale;
    }

    private void setState(RegistrationState next) {
        state = next;
        changed();
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Registry registry() {
        return registry;
    }

    @Override
    public boolean online() {
        return state instanceof Online;
    }

    /** Caller holds the lock: queues the snapshot as it is now. */
    @Override
    public void changed() {
        outbox.queue(new KeptToken(token, registry, port, state, checks.verification(), checks.local()));
    }

    /** Caller holds the lock: the line goes into the token's log now, to the listeners on {@link #deliver()}. */
    @Override
    public void log(Event event, String detail) {
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
}
