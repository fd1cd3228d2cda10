package org.tokendesk.registration;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import org.tokendesk.token.Token;

/**
 * One WebSocket connection attempt of one token: gathers text messages from their frames (one
 * over the limit is dropped, not fatal) and hands whole messages, pongs and the close to its
 * {@link Handler}. Knows nothing of the protocol.
 */
final class RegistryLink extends Endpoint {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** Told about everything that happens on the link, on Tyrus's IO threads. */
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
    private StringBuilder partial;
    private volatile Session session;
    /** Opened after it stopped being wanted: its frames count for nothing. */
    volatile boolean stale;
    private boolean discarding;
    private long discardedBytes;

    RegistryLink(Handler handler, int generation, Token token, int maxMessageChars) {
        this.handler = handler;
        this.generation = generation;
        this.token = token;
        this.maxMessageChars = maxMessageChars;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.setMaxTextMessageBufferSize(maxMessageChars);
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
                handler.pong(RegistryLink.this);
            }
        });
        session.addMessageHandler(new MessageHandler.Whole<ByteBuffer>() {
            @Override
            public void onMessage(ByteBuffer data) {
                handler.binary(RegistryLink.this, data.remaining());
            }
        });
        handler.opened(this);
    }

    private void text(String part, boolean last) {
        if (last && partial == null && !discarding) {
            // The usual case, one frame per message: no copy, and no buffer kept per idle connection.
            if (part.length() > maxMessageChars) {
                handler.tooLarge(this, part.length());
            } else {
                handler.text(this, part);
            }
            return;
        }
        int held = partial == null ? 0 : partial.length();
        if (!discarding && held + part.length() > maxMessageChars) {
            discarding = true;
            discardedBytes = held;
            partial = null;
        }
        if (discarding) {
            discardedBytes += part.length();
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
            handler.tooLarge(this, discardedBytes);
            return;
        }
        String message = partial.toString();
        partial = null;
        handler.text(this, message);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed.countDown();
        int code = reason.getCloseCode().getCode();
        Drop.Cause cause = code == CloseReason.CloseCodes.TOO_BIG.getCode() ? Drop.Cause.TOO_LARGE : Drop.Cause.CLOSED;
        String phrase = reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase();
        handler.closed(this, new Drop(cause, code + (phrase.isEmpty() ? "" : " " + Texts.scrub(phrase, token, 100))));
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (session != null && !session.isOpen()) {
            closed.countDown();
            handler.closed(this, RegistrySockets.describe(error, 0, token));
        }
    }

    boolean hasSession() {
        return session != null;
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

    void ping() {
        Session s = session;
        if (s == null) {
            return;
        }
        try {
            s.getAsyncRemote().sendPing(EMPTY.duplicate());
        } catch (IOException | RuntimeException e) {
            // A failed ping is a missed pong; the next tick decides.
        }
    }

    /** Sends a normal close frame with {@code reason}; never throws. */
    void close(String reason) {
        Session s = session;
        if (s == null) {
            closed.countDown();
            return;
        }
        try {
            if (s.isOpen()) {
                s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, reason));
            } else {
                closed.countDown();
            }
        } catch (IOException | RuntimeException e) {
            closed.countDown();
        }
    }

    /** Waits until the registry echoed the close (or the link died), at most {@code timeout}. */
    void awaitClosed(Duration timeout) {
        try {
            closed.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
