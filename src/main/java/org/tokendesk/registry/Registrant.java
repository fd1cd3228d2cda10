package org.tokendesk.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.tokendesk.protocol.Methods;
import org.tokendesk.protocol.RpcError;
import org.tokendesk.protocol.RpcId;
import org.tokendesk.protocol.RpcMessage;
import org.tokendesk.token.Token;

/**
 * One live {@code io} connection of a token: where it came from, the host it advertised, the last
 * valid gRPC port it answered, and its open port question. A registrant that never answered a
 * valid port (an integer 1..65535) is not handed out.
 */
public final class Registrant {
    private static final AtomicLong SERIALS = new AtomicLong();
    private static final AtomicLong RPC_IDS = new AtomicLong(1000);

    private final long serial = SERIALS.incrementAndGet();
    private final Token token;
    private final String clientId;
    private final String advertisedHost;
    private final String remoteAddress;
    private final Instant since;
    private final Link link;
    private final Map<RpcId, CompletableFuture<RpcMessage>> pending = new ConcurrentHashMap<>();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicInteger silentPings = new AtomicInteger();
    private volatile int lastPort;
    private volatile Instant lastPortAt;
    private volatile boolean draftMethodOnly;
    private volatile CompletableFuture<OptionalInt> asking;
    private volatile Reach reach = new Reach.NotChecked();
    private volatile RegistrySnapshot.Served lastServed;
    private final AtomicInteger reportedPort = new AtomicInteger();
    private final AtomicBoolean reachInFlight = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean(true);

    Registrant(Token token, String clientId, String advertisedHost, String remoteAddress, Instant since, Link link) {
        this.token = token;
        this.clientId = clientId;
        this.advertisedHost = advertisedHost;
        this.remoteAddress = remoteAddress;
        this.since = since;
        this.link = link;
    }

    /** A registrant before its socket opened: what the upgrade request said. */
    record Draft(Token token, String clientId, String advertisedHost, String remoteAddress) {
        Registrant open(Link link) {
            return new Registrant(token, clientId, advertisedHost, remoteAddress, Instant.now(), link);
        }
    }

    public Token token() {
        return token;
    }

    /** Grows with every connection: a higher serial is a newer connection. */
    public long serial() {
        return serial;
    }

    public String clientId() {
        return clientId;
    }

    /** The address handed out: the sub-protocol's advertised host when set, else the client's address. */
    public String host() {
        return advertisedHost.isEmpty() ? remoteAddress : advertisedHost;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public Instant since() {
        return since;
    }

    /** The last valid port this connection answered, if any. */
    public OptionalInt lastPort() {
        int p = lastPort;
        return p == 0 ? OptionalInt.empty() : OptionalInt.of(p);
    }

    public Instant lastPortAt() {
        return lastPortAt;
    }

    public long lookups() {
        return lookups.get();
    }

    public Reach reach() {
        return reach;
    }

    /** The last lookup answer that handed this connection out. */
    public Optional<RegistrySnapshot.Served> lastServed() {
        return Optional.ofNullable(lastServed);
    }

    void served(int port, boolean fresh, Instant at) {
        lastServed = new RegistrySnapshot.Served(host(), port, fresh, at);
    }

    public boolean isOpen() {
        return open.get();
    }

    void counted() {
        lookups.incrementAndGet();
    }

    void reach(Reach reach) {
        this.reach = reach;
        reachInFlight.set(false);
    }

    /** True once per new port: the first caller to see it reports it. */
    boolean newPort(int port) {
        return reportedPort.getAndSet(port) != port;
    }

    /** True when no reachability test of this registrant is under way; the caller then starts one. */
    boolean startReachTest() {
        return reachInFlight.compareAndSet(false, true);
    }

    Link link() {
        return link;
    }

    /** True for the one caller that saw it go. */
    boolean closed() {
        if (!open.compareAndSet(true, false)) {
            return false;
        }
        CompletableFuture<OptionalInt> a = asking;
        if (a != null) {
            a.complete(OptionalInt.empty());
        }
        pending.values().forEach(f -> f.complete(new RpcMessage.Result(RpcId.of(0), null)));
        pending.clear();
        return true;
    }

    /** Any frame or pong proves the link alive. */
    void heard() {
        silentPings.set(0);
    }

    /** Counts one more ping without an answer since the last sign of life; returns how many in a row. */
    int pingedSilently() {
        return silentPings.getAndIncrement();
    }

    /**
     * Asks for the gRPC port ({@code getHostieGrpcPort}, then {@code hostieGrpcPort} once the first
     * is unknown to it). Questions in flight are shared: a burst of lookups asks once.
     */
    synchronized CompletableFuture<OptionalInt> askPort(ScheduledExecutorService timers, long askMillis) {
        CompletableFuture<OptionalInt> current = asking;
        if (current != null && !current.isDone()) {
            return current;
        }
        CompletableFuture<OptionalInt> answer = new CompletableFuture<>();
        asking = answer;
        ask(draftMethodOnly ? Methods.HOSTIE_GRPC_PORT : Methods.GET_HOSTIE_GRPC_PORT, answer);
        timers.schedule(() -> answer.complete(OptionalInt.empty()), askMillis, TimeUnit.MILLISECONDS);
        return answer;
    }

    private void ask(String method, CompletableFuture<OptionalInt> answer) {
        if (!open.get()) {
            answer.complete(OptionalInt.empty());
            return;
        }
        RpcId id = RpcId.of(RPC_IDS.incrementAndGet());
        CompletableFuture<RpcMessage> reply = new CompletableFuture<>();
        pending.put(id, reply);
        answer.whenComplete((v, e) -> pending.remove(id));
        reply.thenAccept(r -> {
            if (r instanceof RpcMessage.Error error && error.error().code() == RpcError.METHOD_NOT_FOUND_CODE
                    && method.equals(Methods.GET_HOSTIE_GRPC_PORT)) {
                draftMethodOnly = true;
                ask(Methods.HOSTIE_GRPC_PORT, answer);
                return;
            }
            OptionalInt port = r instanceof RpcMessage.Result result ? Wire.validPort(result.result()) : OptionalInt.empty();
            if (port.isPresent()) {
                lastPort = port.getAsInt();
                lastPortAt = Instant.now();
            }
            answer.complete(port);
        });
        link.send(Wire.request(id, method));
    }

    /** A JSON-RPC response came: matched to its question by id, exactly as sent. */
    boolean answered(RpcMessage message) {
        Optional<RpcId> id = message instanceof RpcMessage.Result r ? Optional.of(r.id())
                : message instanceof RpcMessage.Error e ? e.id() : Optional.empty();
        CompletableFuture<RpcMessage> waiting = id.map(pending::remove).orElse(null);
        if (waiting == null) {
            return false;
        }
        waiting.complete(message);
        return true;
    }

    @Override
    public String toString() {
        return "Registrant[" + token.masked() + " #" + serial + " from " + remoteAddress + "]";
    }
}
