package org.tokendesk.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tokendesk.Version;
import org.tokendesk.protocol.EventName;
import org.tokendesk.protocol.Frame;
import org.tokendesk.protocol.FrameProblem;
import org.tokendesk.protocol.FrameRead;
import org.tokendesk.protocol.Methods;
import org.tokendesk.protocol.Registrant;
import org.tokendesk.protocol.RpcMessage;
import org.tokendesk.protocol.RpcProblem;
import org.tokendesk.registration.LogEntry.Event;
import org.tokendesk.token.Token;

/**
 * The registrant's side of the conversation with a registry, as a pure function: one message in,
 * the reply (if any), the log lines and what changes for the token out. No sockets, no clock, no
 * locks. Nothing a registry sends runs code or exits: {@code botie}, {@code logout}, {@code reset}
 * are only logged; {@code shutdown} stops this one token.
 */
final class Conversation {
    private Conversation() {
    }

    /** A line for the token's log; {@code detail} has the token masked. */
    record Line(Event event, String detail) {
    }

    /** What the message changes for the token. */
    sealed interface Effect {
    }

    record Nothing() implements Effect {
    }

    /** A port query was answered: one more for the Online count. */
    record Answered() implements Effect {
    }

    /** The registry's {@code hostie} answer: the address it would hand out now. */
    record ReachableAs(String host) implements Effect {
    }

    /** The registry sent {@code shutdown}: stop keeping this token online. */
    record Shutdown(String reason) implements Effect {
    }

    /** The outcome of one message. */
    record Turn(Optional<String> reply, List<Line> lines, Effect effect) {
    }

    /** What the registrant says right after the upgrade: who it is, and the {@code hostie} question. */
    static List<String> greeting(String clientId) {
        return List.of(Frame.of(EventName.SYS, "TokenDesk " + Version.current() + " with client id: " + clientId).toJson(),
                // 127.0.0.1 in the answer, from afar: the registry cannot reach us.
                Frame.of(EventName.HOSTIE, null).toJson());
    }

    /**
     * @param port the gRPC port we advertise
     * @param online whether the token is Online now ({@code hostie} answers count only then)
     */
    static Turn receive(String text, Token token, int port, boolean online) {
        List<Line> lines = new ArrayList<>(2);
        FrameRead read = Frame.read(text);
        if (read instanceof FrameRead.Malformed m) {
            lines.add(new Line(m.problem() == FrameProblem.TOO_LARGE ? Event.TOO_LARGE : Event.GARBAGE,
                    m.problem().why() + ": " + Texts.scrub(text, token, 60)));
            return new Turn(Optional.empty(), lines, new Nothing());
        }
        Frame frame = ((FrameRead.Ok) read).frame();
        Optional<RpcMessage> rpc = frame.rpc();
        if (rpc.isEmpty()) {
            return new Turn(Optional.empty(), lines, event(frame, token, online, lines));
        }
        RpcMessage message = rpc.get();
        Effect effect = new Nothing();
        if (message instanceof RpcMessage.Request q && Methods.isPortQuery(q.method())) {
            lines.add(new Line(Event.QUERIED, q.method() + " id " + Texts.scrub(q.id().toString(), token, 40)));
            lines.add(new Line(Event.ANSWERED, Integer.toString(port)));
            effect = new Answered();
        } else if (message instanceof RpcMessage.Request u) {
            lines.add(new Line(Event.UNKNOWN_METHOD, Texts.scrub(u.method(), token, 60)));
        } else if (message instanceof RpcMessage.Invalid i && i.problem() == RpcProblem.NOT_AN_OBJECT) {
            lines.add(new Line(Event.GARBAGE, i.problem().why() + ": " + Texts.scrub(text, token, 60)));
        } else {
            lines.add(new Line(Event.IGNORED, "jsonrpc " + Texts.scrub(noReply(message), token, 80)));
        }
        return new Turn(Registrant.answer(message, port).map(m -> m.toFrame().toJson()), lines, effect);
    }

    private static Effect event(Frame frame, Token token, boolean online, List<Line> lines) {
        String payload = Texts.scrub(frame.payloadText(), token, 120);
        switch (frame.name()) {
            case "sys" -> {
                if (payload.equals(EventName.REGISTERED)) {
                    lines.add(new Line(Event.REGISTERED, ""));
                } else if (!payload.equals(EventName.ROGER)) {
                    lines.add(new Line(Event.IGNORED, "sys " + payload));
                }
                return new Nothing();
            }
            case "hostie" -> {
                Optional<String> host = frame.textPayload();
                if (host.isPresent() && online) {
                    String shown = Texts.scrub(host.get().strip(), token, 100);
                    lines.add(new Line(Event.REACHABLE_AS, shown));
                    return new ReachableAs(shown);
                }
                return new Nothing();
            }
            case "shutdown" -> {
                lines.add(new Line(Event.STOPPED, payload));
                return new Shutdown(payload);
            }
            default -> {
                lines.add(new Line(Event.IGNORED, Texts.scrub(frame.name(), token, 40) + (payload.isEmpty() ? "" : " " + Texts.shorten(payload, 60))));
                return new Nothing();
            }
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
}
