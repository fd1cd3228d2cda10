package org.tokendesk.registry;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * Jetty's side of one registrant: frames in go to the core, the core's frames go out. Public:
 * Jetty reaches listener methods through public lookups only.
 */
public final class RegistrantSocket implements Session.Listener.AutoDemanding, Link {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final RegistryCore core;
    private final Registrant.Draft draft;
    private volatile Session session;
    private volatile Registrant registrant;
    private final AtomicInteger openSockets;
    private final AtomicBoolean gone = new AtomicBoolean();

    /** {@code openSockets} counts this socket from its open to its end, once. */
    RegistrantSocket(RegistryCore core, Registrant.Draft draft, AtomicInteger openSockets) {
        this.core = core;
        this.draft = draft;
        this.openSockets = openSockets;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        openSockets.incrementAndGet();
        Registrant r = draft.open(this);
        registrant = r;
        core.opened(r);
    }

    @Override
    public void onWebSocketText(String text) {
        Registrant r = registrant;
        if (r != null) {
            core.heard(r, text);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        // Not part of the protocol; a sign of life all the same.
        Registrant r = registrant;
        if (r != null) {
            r.heard();
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        Registrant r = registrant;
        if (r != null) {
            core.ponged(r);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        gone(RegistryEvent.Why.CLOSED_BY_CLIENT, statusCode);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        gone(RegistryEvent.Why.ERROR, StatusCode.ABNORMAL);
    }

    private void gone(RegistryEvent.Why why, int code) {
        Registrant r = registrant;
        if (r != null) {
            core.closed(r, why, code);
        }
        if (session != null && gone.compareAndSet(false, true)) {
            openSockets.decrementAndGet();
        }
    }

    @Override
    public void send(String text) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendText(text, Callback.NOOP);
        }
    }

    @Override
    public void ping() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendPing(EMPTY.duplicate(), Callback.NOOP);
        }
    }

    @Override
    public void close(int code, String reason) {
        Session s = session;
        if (s != null) {
            s.close(code, reason, Callback.NOOP);
        }
    }

    @Override
    public void drop() {
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
    }
}
