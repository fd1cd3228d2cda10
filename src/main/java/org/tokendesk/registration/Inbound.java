package org.tokendesk.registration;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A frame the registry sent, read as data only: {@code {"name": <event>, "payload": <any>}}.
 * Everything here is untrusted input; reading it never runs anything. Texts stay whole here: the
 * token is masked before they are cut short for the log, or a cut would hide the token from the mask.
 */
sealed interface Inbound {
    /** The two names under which registries ask for the gRPC port. */
    String GET_PORT = "getHostieGrpcPort";
    String GET_PORT_DRAFT = "hostieGrpcPort";

    ObjectMapper JSON = new JsonMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build());

    /** A JSON-RPC request for our port, under either name. */
    record PortQuery(JsonNode id, String method) implements Inbound {
    }

    /** A JSON-RPC request for a method we do not serve: answered with -32601. */
    record UnknownMethod(JsonNode id, String method) implements Inbound {
    }

    /** JSON-RPC without an id (a notification) or without a method (a response): nothing to answer. */
    record RpcNoReply(String what) implements Inbound {
    }

    /** Any other event ({@code sys}, {@code hostie}, {@code shutdown}, {@code botie}, …). */
    record Event(String name, JsonNode payload) implements Inbound {
        public String payloadText() {
            return payload == null || payload.isNull() ? "" : payload.isTextual() ? payload.asText() : payload.toString();
        }
    }

    /** Not an event frame at all. */
    record Garbage(String why) implements Inbound {
    }

    static Inbound read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return new Garbage("not JSON");
        }
        if (root == null || !root.isObject()) {
            return new Garbage("not a JSON object");
        }
        JsonNode name = root.get("name");
        if (name == null || !name.isTextual()) {
            return new Garbage("no event name");
        }
        JsonNode payload = root.get("payload");
        if (!name.asText().equals("jsonrpc")) {
            return new Event(name.asText(), payload);
        }
        if (payload == null || !payload.isObject()) {
            return new Garbage("jsonrpc without an object payload");
        }
        JsonNode method = payload.get("method");
        JsonNode id = payload.get("id");
        if (method == null) {
            return new RpcNoReply(payload.has("error") ? "error response" : "response");
        }
        String methodName = method.isTextual() ? method.asText() : method.toString();
        if (id == null || id.isNull() || !(id.isTextual() || id.isNumber())) {
            return new RpcNoReply("notification " + methodName);
        }
        if (methodName.equals(GET_PORT) || methodName.equals(GET_PORT_DRAFT)) {
            return new PortQuery(id, methodName);
        }
        return new UnknownMethod(id, methodName);
    }

    static String portAnswer(JsonNode id, int port) {
        ObjectNode payload = rpc(id);
        payload.put("result", port);
        return frame("jsonrpc", payload);
    }

    static String methodNotFound(JsonNode id) {
        ObjectNode payload = rpc(id);
        ObjectNode error = payload.putObject("error");
        error.put("code", -32601);
        error.put("message", "Method not found");
        return frame("jsonrpc", payload);
    }

    static String event(String name, String payload) {
        return frame(name, payload == null ? null : JsonNodeFactory.instance.textNode(payload));
    }

    private static ObjectNode rpc(JsonNode id) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("jsonrpc", "2.0");
        payload.set("id", id);
        return payload;
    }

    private static String frame(String name, JsonNode payload) {
        ObjectNode frame = JsonNodeFactory.instance.objectNode();
        frame.put("name", name);
        if (payload != null) {
            frame.set("payload", payload);
        }
        return frame.toString();
    }
}
