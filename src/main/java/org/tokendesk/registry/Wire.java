package org.tokendesk.registry;

import java.io.IOException;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The registry's side of the frames: stand-in until org.tokendesk.protocol lands on main, then
 * this class only adapts that codec to the server.
 */
final class Wire {
    static final String GET_PORT = "getHostieGrpcPort";
    static final String GET_PORT_DRAFT = "hostieGrpcPort";
    static final int METHOD_NOT_FOUND = -32601;
    private static final ObjectMapper JSON = new JsonMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

    private Wire() {
    }

    /** What a registrant sent. */
    sealed interface Heard {
        record Response(String idText, Registrant.RpcReply reply) implements Heard {
        }

        record Request(JsonNode id, String method) implements Heard {
        }

        record Event(String name) implements Heard {
        }

        record Garbage() implements Heard {
        }
    }

    static Heard read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return new Heard.Garbage();
        }
        if (root == null || !root.isObject() || !root.path("name").isTextual()) {
            return new Heard.Garbage();
        }
        String name = root.get("name").asText();
        if (!name.equals("jsonrpc")) {
            return new Heard.Event(name);
        }
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            return new Heard.Garbage();
        }
        JsonNode id = payload.get("id");
        if (payload.has("method")) {
            return new Heard.Request(id, payload.get("method").asText());
        }
        if (id == null) {
            return new Heard.Garbage();
        }
        JsonNode error = payload.get("error");
        Integer code = error != null && error.path("code").canConvertToInt() ? error.get("code").intValue() : null;
        JsonNode result = payload.get("result");
        Object value = result == null ? null : result.isIntegralNumber() ? (Object) result.numberValue() : result.isNumber() ? result.doubleValue() : result.asText();
        return new Heard.Response(id.toString(), new Registrant.RpcReply(value, error == null ? null : code == null ? 0 : code));
    }

    static String request(long id, String method) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.put("jsonrpc", "2.0");
        call.put("id", id);
        call.put("method", method);
        return frame("jsonrpc", call);
    }

    static String methodNotFound(JsonNode id) {
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        ObjectNode error = reply.putObject("error");
        error.put("code", METHOD_NOT_FOUND);
        error.put("message", "Method not found");
        return frame("jsonrpc", reply);
    }

    static String event(String name, String payload) {
        return frame(name, JsonNodeFactory.instance.textNode(payload));
    }

    /** An integer 1..65535, as a number (never a string, a fraction or out of range). */
    static OptionalInt validPort(Object result) {
        if (result instanceof Integer || result instanceof Long || result instanceof Short) {
            long p = ((Number) result).longValue();
            if (p >= 1 && p <= 65535) {
                return OptionalInt.of((int) p);
            }
        }
        return OptionalInt.empty();
    }

    private static String frame(String name, JsonNode payload) {
        ObjectNode frame = JsonNodeFactory.instance.objectNode();
        frame.put("name", name);
        frame.set("payload", payload);
        return frame.toString();
    }
}
