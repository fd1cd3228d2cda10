package org.tokendesk.protocol;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code error} member of a JSON-RPC error response; {@code data} is null when absent. */
public record RpcError(int code, String message, JsonNode data) {
    public static final int PARSE_ERROR_CODE = -32700;
    public static final int INVALID_REQUEST_CODE = -32600;
    public static final int METHOD_NOT_FOUND_CODE = -32601;
    public static final int INVALID_PARAMS_CODE = -32602;
    public static final int INTERNAL_ERROR_CODE = -32603;

    /** The registrant's answer to any method but the port query. */
    public static final RpcError METHOD_NOT_FOUND = new RpcError(METHOD_NOT_FOUND_CODE, "Method not found", null);
    public static final RpcError INVALID_REQUEST = new RpcError(INVALID_REQUEST_CODE, "Invalid Request", null);

    public RpcError {
        Objects.requireNonNull(message, "message");
    }

    ObjectNode toJson() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        return error;
    }

    /** Reads an {@code error} member; a missing or odd code is kept as 0, a missing message as "". */
    static RpcError from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new RpcError(0, node == null ? "" : node.toString(), null);
        }
        JsonNode code = node.get("code");
        JsonNode message = node.get("message");
        return new RpcError(code != null && code.canConvertToInt() && code.isIntegralNumber() ? code.intValue() : 0,
                message == null ? "" : message.isTextual() ? message.asText() : message.toString(), node.get("data"));
    }
}
