package org.tokendesk.registration;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.tokendesk.token.Token;

/**
 * One WebSocket connection attempt of one token: gathers text messages from their parts (one
 * over the limit is dropped, not fatal) and hands whole messages, pongs and the close to its
 * {@link Handler}. Sends go out one after another, as the JDK's WebSocket requires. Knows
 * nothing of the protocol.
 */
final class RegistryLink implements WebSocket.Listener {
    /** Replies queued beyond this are dropped: a registry that floods us gets no more answers. */
    private static final int MAX_QUEUED_SENDS = 64;
    private static final int NORMAL_CLOSURE = 1000;
    private static final int TOO_BIG = 1009;

    /** Told about everything that happens on the link, on the engine's IO threads. */
    interface Handler {
        void opened(RegistryLink link);

        void text(RegistryLink link, String message);

        void tooLarge(RegistryLink link, long size);

        void binary(RegistryLink link, int size);

        void pong(RegistryLink link);

        void closed(RegistryLink link, Drop drop);
    }

    final int generation;
    private final Handler handler;
    private final Token token;
    private final int maxMessageChars;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger queued = new AtomicInteger();
    private StringBuilder partial;
    private volatile WebSocket socket;
    /** Opened after it stopped being wanted: its frames count for nothing. */
    volatile boolean stale;
    private boolean discarding;
    private long discardedChars;
    private long binaryBytes;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    RegistryLink(Handler handler, int generation, Token token, int maxMessageChars) {
        this.handler = handler;
        this.generation = generation;
        this.token = token;
        this.maxMessageChars = maxMessageChars;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        handler.opened(this);
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence part, boolean last) {
        if (last && partial == null && !discarding) {
            // The usual case, one part per message: no buffer kept per idle connection.
            if (part.length() > maxMessageChars) {
                handler.tooLarge(this, part.length());
            } else {
                handler.text(this, part.toString());
            }
        } else {
            gather(part, last);
        }
        webSocket.request(1);
        return null;
    }

    private void gather(CharSequence part, boolean last) {
        int held = partial == null ? 0 : partial.length();
        if (!discarding && held + part.length() > maxMessageChars) {
            discarding = true;
            discardedChars = held;
            partial = null;
        }
        if (discarding) {
            discardedChars += part.length();
        } else {
            if (partial == null) {
                partial = new StringBuilder();
            }
            partial.append(part);
        }
        if (!last) {
            return;
        }
        if (discarding) {
            discarding = false;
            handler.tooLarge(this, discardedChars);
            return;
        }
        String message = partial.toString();
        partial = null;
        handler.text(this, message);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        // Counted per message, not per part; the bytes are not kept.
        binaryBytes += data.remaining();
        if (last) {
            handler.binary(this, (int) Math.min(Integer.MAX_VALUE, binaryBytes));
            binaryBytes = 0;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        handler.pong(this);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.countDown();
        Drop.Cause cause = statusCode == TOO_BIG ? Drop.Cause.TOO_LARGE : Drop.Cause.CLOSED;
        String phrase = reason == null ? "" : reason;
        handler.closed(this, new Drop(cause, statusCode + (phrase.isEmpty() ? "" : " " + Texts.scrub(phrase, token, 100))));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.countDown();
        handler.closed(this, RegistrySockets.describe(error, 0, token));
    }

    boolean hasSession() {
        return socket != null;
    }

    /** Queues {@code text} after the sends before it. */
    void send(String text) {
        WebSocket s = socket;
        if (s == null || s.isOutputClosed() || queued.get() >= MAX_QUEUED_SENDS) {
            return;
        }
        queued.incrementAndGet();
        synchronized (this) {
            lastSend = lastSend.handle((v, e) -> null).thenCompose(v -> s.sendText(text, true))
                    .whenComplete((v, e) -> queued.decrementAndGet());
        }
    }

    void ping() {
        WebSocket s = socket;
        if (s == null || s.isOutputClosed()) {
            return;
        }
        try {
            s.sendPing(ByteBuffer.allocate(0));
        } catch (RuntimeException e) {
            // A ping still in flight or a dead link: a missed pong, and the next tick decides.
        }
    }

    /** Sends a normal close frame with {@code reason} after the queued sends; never throws. */
    void close(String reason) {
        WebSocket s = socket;
        if (s == null || s.isOutputClosed()) {
            if (s == null || s.isInputClosed()) {
                closed.countDown();
            }
            return;
        }
        synchronized (this) {
            lastSend = lastSend.handle((v, e) -> null).thenCompose(v -> s.sendClose(NORMAL_CLOSURE, reason))
                    .whenComplete((v, e) -> {
                        if (e != null) {
                            s.abort();
                            closed.countDown();
                        }
                    });
        }
    }

    /** Waits until the registry echoed the close (or the link died), at most {@code timeout}; then drops the TCP connection. */
    void awaitClosed(Duration timeout) {
        try {
            if (!closed.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
                WebSocket s = socket;
                if (s != null) {
                    s.abort();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
