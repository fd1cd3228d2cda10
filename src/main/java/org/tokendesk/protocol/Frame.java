package org.tokendesk.protocol;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One frame of the registry's WebSocket: {@code {"name": <event>, "payload": <any>}}, in both
 * directions. Everything read is untrusted data; reading never runs anything.
 *
 * @param payload absent ({@code null}) when the frame has none, as in {@code {"name":"hostie"}}
 */
public record Frame(String name, JsonNode payload) {
    public Frame {
        Objects.requireNonNull(name, "name");
    }

    /** A frame whose payload is a JSON string, or none when {@code payload} is null. */
    public static Frame of(String name, String payload) {
        return new Frame(name, payload == null ? null : JsonNodeFactory.instance.textNode(payload));
    }

    public static Frame of(EventName name, String payload) {
        return of(name.wire(), payload);
    }

    /** Reads one text frame within {@link FrameLimits#DEFAULT}. */
    public static FrameRead read(String text) {
        return read(text, FrameLimits.DEFAULT);
    }

    public static FrameRead read(String text, FrameLimits limits) {
        if (text == null) {
            return new FrameRead.Malformed(FrameProblem.NOT_JSON);
        }
        if (text.length() > limits.maxChars()) {
            return new FrameRead.Malformed(FrameProblem.TOO_LARGE);
        }
        JsonNode root;
        try {
            root = Json.mapper(limits).readTree(text);
        } catch (IOException | RuntimeException e) {
            return new FrameRead.Malformed(problemOf(e));
        }
        if (root == null || root.isMissingNode()) {
            return new FrameRead.Malformed(FrameProblem.NOT_JSON);
        }
        if (!root.isObject()) {
            return new FrameRead.Malformed(FrameProblem.NOT_AN_OBJECT);
        }
        JsonNode name = root.get("name");
        if (name == null || !name.isTextual()) {
            return new FrameRead.Malformed(FrameProblem.NO_EVENT_NAME);
        }
        JsonNode payload = root.get("payload");
        if (payload instanceof ObjectNode rpc && rpc.get("id") != null && rpc.get("id").isNumber()) {
            keepIdText(text, rpc, limits);
        }
        return new FrameRead.Ok(new Frame(name.asText(), payload));
    }

    /**
     * Puts back the id's own text where Jackson's number would write it otherwise ({@code 1E+400} for
     * {@code 1e400}, {@code 0} for {@code -0}), found by reading the frame once more as tokens.
     */
    private static void keepIdText(String text, ObjectNode payload, FrameLimits limits) {
        JsonNode id = payload.get("id");
        String raw = null;
        try (JsonParser p = Json.mapper(limits).getFactory().createParser(text)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isPayload = "payload".equals(p.currentName());
                if (p.nextToken() == JsonToken.START_OBJECT && isPayload) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        boolean isId = "id".equals(p.currentName());
                        JsonToken value = p.nextToken();
                        if (isId && (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT)) {
                            raw = p.getText();
                        } else if (isId) {
                            raw = null;
                        }
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (raw != null && !raw.equals(id.toString())) {
            payload.set("id", new ExactNumber(raw, id.decimalValue()));
        }
    }

    /** A limit hit while parsing shows as a constraint failure somewhere in the chain; the rest is bad JSON. */
    private static FrameProblem problemOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException c) {
                return c.getMessage() != null && c.getMessage().toLowerCase(Locale.ROOT).contains("nesting")
                        ? FrameProblem.TOO_DEEP : FrameProblem.TOO_LARGE;
            }
        }
        return FrameProblem.NOT_JSON;
    }

    /** The event this frame names, if it is one the protocol knows. */
    public Optional<EventName> event() {
        return EventName.of(name);
    }

    public boolean is(EventName event) {
        return name.equals(event.wire());
    }

    /** The payload as text: a JSON string as it is, anything else as its JSON, none as "". */
    public String payloadText() {
        return payload == null || payload.isNull() ? "" : payload.isTextual() ? payload.asText() : payload.toString();
    }

    /** The payload when it is a JSON string. */
    public Optional<String> textPayload() {
        return payload != null && payload.isTextual() ? Optional.of(payload.asText()) : Optional.empty();
    }

    /** The JSON-RPC message of a {@code jsonrpc} frame. */
    public Optional<RpcMessage> rpc() {
        return is(EventName.JSONRPC) ? Optional.of(RpcMessage.read(payload)) : Optional.empty();
    }

    /** The frame as sent on the wire: name first, payload left out when absent. */
    public String toJson() {
        ObjectNode frame = JsonNodeFactory.instance.objectNode();
        frame.put("name", name);
        if (payload != null) {
            frame.set("payload", payload);
        }
        return frame.toString();
    }
}
