package org.tokendesk.protocol;

import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC 2.0 message as the registry wraps it in a {@code jsonrpc} frame. Ids stay exactly as
 * sent ({@link RpcId}). {@code params} and {@code result} are null when absent.
 */
public sealed interface RpcMessage {
    String VERSION = "2.0";

    /** A call that wants an answer with the same id. A method that is not a string is kept as its JSON text. */
    record Request(RpcId id, String method, JsonNode params) implements RpcMessage {
        public Request {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(method, "method");
        }

        @Override
        public ObjectNode toPayload() {
            ObjectNode p = head(Optional.of(id));
            p.put("method", method);
            if (params != null) {
                p.set("params", params);
            }
            return p;
        }
    }

    /** A call without an id (or with a null one): nobody is waiting for an answer. */
    record Notification(String method, JsonNode params) implements RpcMessage {
        @Override
        public ObjectNode toPayload() {
            ObjectNode p = head(Optional.empty());
            p.put("method", method);
            if (params != null) {
                p.set("params", params);
            }
            return p;
        }
    }

    record Result(RpcId id, JsonNode result) implements RpcMessage {
        @Override
        public ObjectNode toPayload() {
            ObjectNode p = head(Optional.of(id));
            p.set("result", result == null ? JsonNodeFactory.instance.nullNode() : result);
            return p;
        }
    }

    /** An error response; the id is empty when the request's id could not be read. */
    record Error(Optional<RpcId> id, RpcError error) implements RpcMessage {
        public Error {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public ObjectNode toPayload() {
            ObjectNode p = head(Optional.empty());
            if (id.isPresent()) {
                p.set("id", id.get().value());
            } else {
                p.putNull("id");
            }
            p.set("error", error.toJson());
            return p;
        }
    }

    /** Not a JSON-RPC message at all. Nothing to answer. */
    record Invalid(RpcProblem problem) implements RpcMessage {
        @Override
        public ObjectNode toPayload() {
            throw new IllegalStateException("an invalid message is never sent");
        }
    }

    /** The message as the payload of a {@code jsonrpc} frame ({@code jsonrpc}, {@code id}, then the rest). */
    ObjectNode toPayload();

    default Frame toFrame() {
        return new Frame(EventName.JSONRPC.wire(), toPayload());
    }

    static Request portQuery(RpcId id) {
        return new Request(id, Methods.GET_HOSTIE_GRPC_PORT, null);
    }

    static Result result(RpcId id, int value) {
        return new Result(id, JsonNodeFactory.instance.numberNode(value));
    }

    static Error methodNotFound(RpcId id) {
        return new Error(Optional.of(id), RpcError.METHOD_NOT_FOUND);
    }

    /** Reads the payload of a {@code jsonrpc} frame. Never throws. */
    static RpcMessage read(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return new Invalid(RpcProblem.NOT_AN_OBJECT);
        }
        JsonNode method = payload.get("method");
        JsonNode id = payload.get("id");
        if (method != null) {
            String name = method.isTextual() ? method.asText() : method.toString();
            if (id == null || id.isNull()) {
                return new Notification(name, payload.get("params"));
            }
            return RpcId.from(id).<RpcMessage>map(i -> new Request(i, name, payload.get("params")))
                    .orElseGet(() -> new Invalid(RpcProblem.BAD_ID));
        }
        if (payload.has("error")) {
            return new Error(RpcId.from(id), RpcError.from(payload.get("error")));
        }
        if (payload.has("result")) {
            Optional<RpcId> rid = RpcId.from(id);
            return rid.<RpcMessage>map(i -> new Result(i, payload.get("result"))).orElseGet(() -> new Invalid(RpcProblem.BAD_ID));
        }
        return new Invalid(RpcProblem.NO_METHOD_NO_RESULT);
    }

    private static ObjectNode head(Optional<RpcId> id) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("jsonrpc", VERSION);
        id.ifPresent(i -> p.set("id", i.value()));
        return p;
    }
}
