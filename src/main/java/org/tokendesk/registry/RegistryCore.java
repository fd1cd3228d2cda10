package org.tokendesk.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.tokendesk.net.Workers;
import org.tokendesk.protocol.EventName;
import org.tokendesk.protocol.Frame;
import org.tokendesk.protocol.FrameLimits;
import org.tokendesk.protocol.FrameRead;
import org.tokendesk.protocol.RpcMessage;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenSyntax;

/**
 * The registry without its transport: who is online, how a lookup is answered, the conversation
 * with each registrant, pings and reachability. The Jetty side hands it sockets and requests.
 */
public final class RegistryCore implements AutoCloseable {
    private final TokenDirectory directory;
    private final AllowList allow;
    private final Limits limits;
    private final Clock clock;
    private final Reachability reachability;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(Workers.daemon("registry-timer"));
    private final List<RegistryEvent.Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong found = new AtomicLong();
    private final Instant started;
    private final FrameLimits frameLimits;

    public RegistryCore(TokenDirectory directory, AllowList allow, Limits limits, Clock clock) {
        this.directory = directory;
        this.allow = allow;
        this.limits = limits;
        this.clock = clock;
        this.reachability = new Reachability(limits.reachTimeout(), limits.reachEvery(), clock);
        this.started = clock.instant();
        this.frameLimits = Wire.limits(limits);
        long every = limits.pingInterval().toMillis();
        timers.scheduleWithFixedDelay(this::pingAll, every, every, TimeUnit.MILLISECONDS);
    }

    public Runnable addListener(RegistryEvent.Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public AllowList allow() {
        return allow;
    }

    public Limits limits() {
        return limits;
    }

    public Instant started() {
        return started;
    }

    /** Every open registrant, newest first. */
    public List<Registrant> online() {
        return directory.all();
    }

    public int onlineCount() {
        return directory.size();
    }

    public long lookupCount() {
        return lookups.get();
    }

    public long foundCount() {
        return found.get();
    }

    /** A read-only picture of who is online now, tokens masked, newest first. */
    public RegistrySnapshot snapshot() {
        List<RegistrySnapshot.Row> rows = directory.all().stream()
                .map(r -> new RegistrySnapshot.Row(r.serial(), r.token().masked(), r.since(), r.remoteAddress(), r.host(),
                        r.lastPort(), r.lookups(), r.lastServed(), r.reach()))
                .toList();
        return new RegistrySnapshot(started, lookups.get(), found.get(), allow.active(), rows);
    }

    /** {@link #disconnect(Registrant)} by the serial a snapshot showed; false when that connection is gone already. */
    public boolean disconnect(long serial) {
        for (Registrant r : directory.all()) {
            if (r.serial() == serial) {
                disconnect(r);
                return true;
            }
        }
        return false;
    }

    /** {@code GET /v0/hosties/<token>}: asks the token's newest connection, within {@link Limits#lookupWait()}. */
    public CompletableFuture<Answer> lookup(String tokenText) {
        lookups.incrementAndGet();
        if (TokenSyntax.check(tokenText).isPresent()) {
            return CompletableFuture.completedFuture(new Answer.NotFound(Answer.Why.NOT_A_TOKEN));
        }
        Token token = Token.of(tokenText);
        if (!allow.permits(token)) {
            return CompletableFuture.completedFuture(new Answer.NotFound(Answer.Why.NOT_ALLOWED));
        }
        List<Registrant> candidates = directory.online(token);
        if (candidates.isEmpty()) {
            return CompletableFuture.completedFuture(new Answer.NotFound(Answer.Why.NOBODY_ONLINE));
        }
        Registrant newest = candidates.get(0);
        newest.counted();
        // A registrant with a known port answers within the short bound; a new one gets its first question's whole time.
        Duration wait = newest.lastPort().isPresent() ? limits.lookupWait() : limits.askWait();
        return askPort(newest).copy()
                .completeOnTimeout(OptionalInt.empty(), wait.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(fresh -> answer(candidates, newest, fresh));
    }

    private Answer answer(List<Registrant> candidates, Registrant newest, OptionalInt fresh) {
        if (fresh.isPresent()) {
            found.incrementAndGet();
            newest.served(fresh.getAsInt(), true, clock.instant());
            return new Answer.Found(newest.host(), fresh.getAsInt(), true, newest);
        }
        // Slow or silent now: the newest one's last valid port, else an older live connection's.
        for (Registrant r : candidates) {
            OptionalInt last = r.lastPort();
            if (r.isOpen() && last.isPresent()) {
                found.incrementAndGet();
                r.served(last.getAsInt(), false, clock.instant());
                return new Answer.Found(r.host(), last.getAsInt(), false, r);
            }
        }
        return new Answer.NotFound(Answer.Why.NO_VALID_PORT);
    }

    private CompletableFuture<OptionalInt> askPort(Registrant registrant) {
        OptionalInt before = registrant.lastPort();
        CompletableFuture<OptionalInt> asked = registrant.askPort(timers, limits.askWait().toMillis());
        asked.thenAccept(port -> {
            if (port.isPresent()) {
                if (registrant.newPort(port.getAsInt())) {
                    emit(new RegistryEvent.PortAnswered(registrant, port.getAsInt()));
                }
                reachability.checkSoon(registrant, port.getAsInt(), reach -> emit(new RegistryEvent.ReachChecked(registrant, reach)));
            } else if (before.isEmpty() && registrant.isOpen()) {
                emit(new RegistryEvent.NoValidPort(registrant));
            }
        });
        return asked;
    }

    /** A registrant's socket opened: greet it, list it, and ask its port at once, so a lookup has a port to stand in. */
    void opened(Registrant registrant) {
        directory.add(registrant);
        registrant.link().send(Wire.event(EventName.SYS, EventName.REGISTERED));
        emit(new RegistryEvent.Online(registrant));
        askPort(registrant);
    }

    /** A text frame from a registrant. Nothing is relayed to anyone: the answer comes from the registry alone. */
    void heard(Registrant registrant, String text) {
        registrant.heard();
        FrameRead read = Frame.read(text, frameLimits);
        Frame frame = read instanceof FrameRead.Ok ok ? ok.frame() : null;
        Optional<RpcMessage> rpc = frame == null ? Optional.empty() : frame.rpc();
        if (rpc.isPresent() && (rpc.get() instanceof RpcMessage.Result || rpc.get() instanceof RpcMessage.Error)) {
            registrant.answered(rpc.get());
        } else if (rpc.isPresent() && rpc.get() instanceof RpcMessage.Request request) {
            // The registry serves no methods to its registrants.
            registrant.link().send(Wire.methodNotFound(request.id()));
        }
        registrant.link().send(Wire.event(EventName.SYS, EventName.ROGER));
        if (frame != null && frame.is(EventName.HOSTIE)) {
            registrant.link().send(Wire.event(EventName.HOSTIE, registrant.host()));
        }
    }

    void ponged(Registrant registrant) {
        registrant.heard();
    }

    void closed(Registrant registrant, RegistryEvent.Why why, int code) {
        if (!registrant.closed()) {
            return;
        }
        directory.remove(registrant);
        emit(new RegistryEvent.Offline(registrant, why, code));
    }

    void refused(Optional<String> maskedToken, String address, RegistryEvent.Refusal refusal) {
        emit(new RegistryEvent.Refused(maskedToken, address, refusal));
    }

    /** Closes one registrant with a close frame (the window's "disconnect"); it may come back. */
    public void disconnect(Registrant registrant) {
        // Marked first: the client's echo of the close must not be taken for its own close.
        closed(registrant, RegistryEvent.Why.DISCONNECTED, 1000);
        registrant.link().close(1000, "disconnected by the registry");
    }

    /** Sends every registrant a close frame ("going away", so they reconnect elsewhere at once). */
    void closeAll() {
        for (Registrant r : directory.all()) {
            closed(r, RegistryEvent.Why.STOPPING, 1001);
            r.link().close(1001, "registry stopping");
        }
    }

    private void pingAll() {
        for (Registrant r : directory.all()) {
            if (r.pingedSilently() >= limits.missedPongs()) {
                closed(r, RegistryEvent.Why.NO_PONG, 0);
                r.link().drop();
            } else {
                r.link().ping();
            }
        }
    }

    private void emit(RegistryEvent event) {
        for (RegistryEvent.Listener l : listeners) {
            try {
                l.on(event);
            } catch (RuntimeException e) {
                // A listener's bug must not break the registry's conversation.
            }
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        reachability.close();
    }
}
