package org.tokendesk.registration;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;

/**
 * One Jetty core WebSocket seen as a {@link java.net.http.WebSocket}, so that {@link RegistryLink}
 * (a {@link WebSocket.Listener}) runs unchanged on either transport. Frames are demanded one at
 * a time, each after the listener returned (RegistryLink requests one more every time); pings are
 * answered, as the JDK's socket does; text is decoded across fragment boundaries and invalid UTF-8
 * ends the connection (close 1007), as the JDK's does. The listener hears exactly one of
 * {@code onClose} / {@code onError}.
 */
final class JettyWebSocket implements WebSocket, FrameHandler {
    private final WebSocket.Listener listener;
    private volatile CoreSession session;
    /** Opcode of the data message being received (TEXT or BINARY), for its continuation frames. */
    private byte receiving = OpCode.UNDEFINED;
    /** Set only while a fragmented text message arrives: small idle sockets keep none. */
    private CharsetDecoder decoder;
    private ByteBuffer undecoded;
    private boolean sendingFragments;
    private boolean ended;
    private boolean closeFrameSeen;

    JettyWebSocket(WebSocket.Listener listener) {
        this.listener = listener;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        listener.onOpen(this);
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte opcode = frame.getOpCode();
        try {
            switch (opcode) {
                case OpCode.PING -> {
                    ByteBuffer echo = copy(frame.getPayload());
                    callback.succeeded();
                    session.sendFrame(new Frame(OpCode.PONG).setPayload(echo), Callback.NOOP, false);
                    session.demand();
                    return;
                }
                case OpCode.PONG -> listener.onPong(this, copy(frame.getPayload()));
                case OpCode.CLOSE -> {
                    closeFrameSeen = true;
                    CloseStatus status = CloseStatus.getCloseStatus(frame);
                    int code = status == null ? CloseStatus.NO_CODE : status.getCode();
                    String reason = status == null || status.getReason() == null ? "" : status.getReason();
                    callback.succeeded();
                    end(() -> listener.onClose(this, code, reason));
                    return;
                }
                case OpCode.TEXT, OpCode.BINARY, OpCode.CONTINUATION -> data(opcode, frame);
                default -> {
                    // Other opcodes are refused by Jetty's frame validation before they get here.
                }
            }
        } catch (BadPayloadException e) {
            callback.failed(e);
            return;
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
        session.demand();
    }

    private void data(byte opcode, Frame frame) {
        byte type = opcode == OpCode.CONTINUATION ? receiving : opcode;
        boolean last = frame.isFin();
        receiving = last ? OpCode.UNDEFINED : type;
        ByteBuffer payload = frame.getPayload() == null ? ByteBuffer.allocate(0) : frame.getPayload();
        if (type == OpCode.BINARY) {
            listener.onBinary(this, payload, last);
        } else if (type == OpCode.TEXT) {
            listener.onText(this, text(payload, last), last);
        }
    }

    /** Decodes one part; bytes of a character split between parts wait for the next part. */
    private CharSequence text(ByteBuffer payload, boolean last) {
        if (decoder == null && last) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(payload);
            } catch (CharacterCodingException e) {
                throw new BadPayloadException("invalid UTF-8 in a text message");
            }
        }
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        ByteBuffer in = payload;
        if (undecoded != null && undecoded.hasRemaining()) {
            in = ByteBuffer.allocate(undecoded.remaining() + payload.remaining()).put(undecoded).put(payload).flip();
        }
        CharBuffer out = CharBuffer.allocate((int) (in.remaining() * 1.1) + 4);
        CoderResult result = decoder.decode(in, out, last);
        if (result.isError() || (last && decoder.flush(out).isError())) {
            throw new BadPayloadException("invalid UTF-8 in a text message");
        }
        undecoded = in.hasRemaining() ? copy(in) : null;
        if (last) {
            if (undecoded != null) {
                throw new BadPayloadException("a text message ends inside a character");
            }
            decoder = null;
        }
        return out.flip();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
        end(() -> listener.onError(this, cause));
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        callback.succeeded();
        if (closeFrameSeen) {
            return;
        }
        String reason = status == null || status.getReason() == null ? "" : status.getReason();
        int code = status == null ? CloseStatus.NO_CLOSE : status.getCode();
        if (status != null && status.getCause() != null) {
            end(() -> listener.onError(this, status.getCause()));
        } else if (code != CloseStatus.NO_CLOSE && code != CloseStatus.NORMAL) {
            // We ended it over a bad frame (close 1002, 1007, …): a protocol error, as the JDK's client reports it.
            end(() -> listener.onError(this, new ProtocolException(code + " " + reason)));
        } else {
            // No close frame and no error: the TCP connection ended (or we aborted it).
            end(() -> listener.onError(this, new IOException("connection closed without a close frame" + (reason.isEmpty() ? "" : ": " + reason))));
        }
    }

    private void end(Runnable tell) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        tell.run();
    }

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        byte opcode;
        synchronized (this) {
            opcode = sendingFragments ? OpCode.CONTINUATION : OpCode.TEXT;
            sendingFragments = !last;
        }
        return send(new Frame(opcode).setPayload(data.toString()).setFin(last));
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        byte opcode;
        synchronized (this) {
            opcode = sendingFragments ? OpCode.CONTINUATION : OpCode.BINARY;
            sendingFragments = !last;
        }
        return send(new Frame(opcode).setPayload(copy(data)).setFin(last));
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        return send(new Frame(OpCode.PING).setPayload(copy(message)));
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        return send(new Frame(OpCode.PONG).setPayload(copy(message)));
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        CompletableFuture<WebSocket> sent = new CompletableFuture<>();
        session.close(statusCode, reason, Callback.from(() -> sent.complete(this), sent::completeExceptionally));
        return sent;
    }

    private CompletableFuture<WebSocket> send(Frame frame) {
        CompletableFuture<WebSocket> sent = new CompletableFuture<>();
        session.sendFrame(frame, Callback.from(() -> sent.complete(this), sent::completeExceptionally), false);
        return sent;
    }

    /** Frames are demanded as the listener returns from each; RegistryLink asks for one at a time. */
    @Override
    public void request(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("request " + n);
        }
    }

    @Override
    public String getSubprotocol() {
        String chosen = session.getNegotiatedSubProtocol();
        return chosen == null ? "" : chosen;
    }

    @Override
    public boolean isOutputClosed() {
        return !session.isOutputOpen();
    }

    @Override
    public boolean isInputClosed() {
        return !session.isInputOpen();
    }

    @Override
    public void abort() {
        session.abort();
    }

    private static ByteBuffer copy(ByteBuffer b) {
        if (b == null) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }
}
