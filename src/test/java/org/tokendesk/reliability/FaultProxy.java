package org.tokendesk.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on loopback that injects the faults real networks have: a chosen share of
 * connections goes half-open at a random moment (the proxy stops forwarding in both directions
 * and closes nothing: no FIN, no RST, as when a NAT forgets a mapping or a laptop sleeps), the
 * others get a random delay before they reach the upstream. It also watches what passes, for the
 * soak: which token each WebSocket belongs to, whether its upgrade succeeded, and when
 * connections were attempted. One selector thread; nothing here blocks.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Pattern AUTHORIZATION = Pattern.compile("(?im)^Authorization:\\s*Token\\s+(\\S+)\\s*$");
    private static final int BUFFER = 16 * 1024;

    /** What the proxy does to new connections. */
    public record Faults(double cutShare, Duration cutWithin, Duration maxDelay) {
        public static Faults none() {
            return new Faults(0, Duration.ofSeconds(1), Duration.ZERO);
        }
    }

    /** One proxied connection as the proxy sees it. */
    public static final class Link {
        private final long accepted = System.nanoTime();
        private volatile String token;
        private volatile boolean upgraded;
        private volatile boolean open = true;
        private volatile boolean cut;
        private volatile boolean answered;
        /** Sides of a half-open link whose peer has closed. */
        int gone;
        final long cutAtNanos;
        final SocketChannel client;
        SocketChannel upstream;
        final ByteBuffer toUpstream = ByteBuffer.allocate(BUFFER);
        final ByteBuffer toClient = ByteBuffer.allocate(BUFFER);
        private final StringBuilder head = new StringBuilder();
        private final StringBuilder answer = new StringBuilder();

        Link(SocketChannel client, long cutAtNanos) {
            this.client = client;
            this.cutAtNanos = cutAtNanos;
        }

        public String token() {
            return token;
        }

        /** Open, upgraded to a WebSocket, and still forwarding: the registrant is online through it. */
        public boolean live() {
            return open && upgraded && !cut;
        }

        public boolean cut() {
            return cut;
        }

        public long acceptedNanos() {
            return accepted;
        }
    }

    private final InetSocketAddress upstream;
    private final Random random;
    private volatile Faults faults;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread loop;
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-proxy-delay");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Link> ready = new ConcurrentLinkedQueue<>();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final List<Long> accepts = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();

    public FaultProxy(int upstreamPort, Faults faults, long seed) throws IOException {
        this.upstream = new InetSocketAddress("127.0.0.1", upstreamPort);
        this.faults = faults;
        this.random = new Random(seed);
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        loop = new Thread(this::run, "fault-proxy");
        loop.setDaemon(true);
        loop.start();
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    public void faults(Faults next) {
        this.faults = next;
    }

    /** Distinct tokens with a live link now. */
    public int onlineCount() {
        return (int) links.stream().filter(Link::live).map(Link::token).filter(t -> t != null).distinct().count();
    }

    public boolean online(String token) {
        return links.stream().anyMatch(l -> l.live() && token.equals(l.token()));
    }

    /** Connection attempts (accepts), as System.nanoTime() values. */
    public List<Long> accepts() {
        return List.copyOf(accepts);
    }

    /** Turns every link open now half-open, as a sleeping laptop's network would. */
    public void cutAll() {
        for (Link l : links) {
            if (l.open && !l.cut) {
                l.cut = true;
                cuts.incrementAndGet();
            }
        }
    }

    public int cuts() {
        return cuts.get();
    }

    /** Most accepts in any window of {@code width} between {@code fromNanos} and {@code toNanos}. */
    public int peakAccepts(Duration width, long fromNanos, long toNanos) {
        List<Long> times = new ArrayList<>();
        for (long t : accepts) {
            if (t >= fromNanos && t <= toNanos) {
                times.add(t);
            }
        }
        times.sort(null);
        int best = 0;
        for (int start = 0, end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= width.toNanos()) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    private void run() {
        try {
            while (selector.isOpen()) {
                selector.select(100);
                if (!selector.isOpen()) {
                    return;
                }
                for (Link l; (l = ready.poll()) != null; ) {
                    connectUpstream(l);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        handle(key);
                    } catch (IOException | RuntimeException e) {
                        if (key.attachment() instanceof Link link) {
                            close(link);
                        }
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                for (Link l : links) {
                    if (l.open && !l.cut && l.cutAtNanos > 0 && now >= l.cutAtNanos) {
                        l.cut = true;
                        cuts.incrementAndGet();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // closed
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (key.isAcceptable()) {
            SocketChannel c = server.accept();
            if (c == null) {
                return;
            }
            accepts.add(System.nanoTime());
            c.configureBlocking(false);
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Faults f = faults;
            long cutAt = random.nextDouble() < f.cutShare()
                    ? System.nanoTime() + (long) (random.nextDouble() * f.cutWithin().toNanos()) + 1 : 0;
            Link link = new Link(c, cutAt);
            links.add(link);
            long delay = f.maxDelay().isZero() ? 0 : (long) (random.nextDouble() * f.maxDelay().toMillis());
            delays.schedule(() -> {
                ready.add(link);
                selector.wakeup();
            }, delay, TimeUnit.MILLISECONDS);
            return;
        }
        Link link = (Link) key.attachment();
        if (key.isConnectable()) {
            if (!link.upstream.finishConnect()) {
                return;
            }
            link.client.register(selector, SelectionKey.OP_READ, link);
            link.upstream.register(selector, SelectionKey.OP_READ, link);
            return;
        }
        SocketChannel channel = (SocketChannel) key.channel();
        boolean isClient = channel == link.client;
        if (key.isValid() && key.isWritable()) {
            drain(isClient ? link.toClient : link.toUpstream, channel, isClient ? link.upstream : link.client);
        }
        if (!key.isValid() || !key.isReadable()) {
            return;
        }
        if (link.cut) {
            // Half-open: whatever arrives is swallowed, nothing is closed, nothing answered.
            ByteBuffer sink = ByteBuffer.allocate(BUFFER);
            if (channel.read(sink) < 0) {
                key.cancel();
                link.gone++;
                if (link.gone == 2) {
                    // Both peers have given up on it; only now does the proxy let go.
                    link.open = false;
                    links.remove(link);
                    closeQuietly(link.client);
                    closeQuietly(link.upstream);
                }
            }
            return;
        }
        ByteBuffer buffer = isClient ? link.toUpstream : link.toClient;
        int n = channel.read(buffer);
        if (n < 0) {
            close(link);
            return;
        }
        watch(link, isClient, buffer);
        drain(buffer, isClient ? link.upstream : link.client, channel);
    }

    /** Writes what it can; while bytes wait, the source is not read (back-pressure) and the destination waits to be writable. */
    private void drain(ByteBuffer buffer, SocketChannel destination, SocketChannel source) throws IOException {
        buffer.flip();
        destination.write(buffer);
        buffer.compact();
        boolean waiting = buffer.position() > 0;
        interest(destination, SelectionKey.OP_WRITE, waiting);
        interest(source, SelectionKey.OP_READ, !waiting);
    }

    private void interest(SocketChannel channel, int op, boolean on) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.isValid()) {
            key.interestOps(on ? key.interestOps() | op : key.interestOps() & ~op);
        }
    }

    /** Reads the token from the upgrade request and the status from its answer; the rest passes unread. */
    private void watch(Link link, boolean fromClient, ByteBuffer buffer) {
        StringBuilder into = fromClient ? link.head : link.answer;
        if (into.length() > 8192 || (fromClient ? link.token != null : link.answered)) {
            return;
        }
        into.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1));
        if (fromClient) {
            Matcher m = AUTHORIZATION.matcher(into);
            if (m.find()) {
                link.token = m.group(1);
            }
        } else if (into.length() >= 12) {
            link.upgraded = into.substring(0, 12).equals("HTTP/1.1 101");
            link.answered = true;
        }
    }

    private void connectUpstream(Link link) {
        try {
            link.upstream = SocketChannel.open();
            link.upstream.configureBlocking(false);
            link.upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (link.upstream.connect(upstream)) {
                link.client.register(selector, SelectionKey.OP_READ, link);
                link.upstream.register(selector, SelectionKey.OP_READ, link);
            } else {
                link.upstream.register(selector, SelectionKey.OP_CONNECT, link);
            }
        } catch (IOException e) {
            close(link);
        }
    }

    private void close(Link link) {
        if (link.cut) {
            // A half-open link is closed by nobody: the peers must find out by themselves.
            return;
        }
        link.open = false;
        links.remove(link);
        closeQuietly(link.client);
        closeQuietly(link.upstream);
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // gone already
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        server.close();
        delays.shutdownNow();
        for (Link l : links) {
            closeQuietly(l.client);
            closeQuietly(l.upstream);
        }
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
