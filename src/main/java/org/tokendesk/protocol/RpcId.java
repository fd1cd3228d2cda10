package org.tokendesk.protocol;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A JSON-RPC id kept exactly as it came: a string, or a number of any size (the open-source
 * registry sends ids like {@code -9007199254736248}; others go beyond 64 bits). Answers carry
 * this same value back.
 */
public record RpcId(JsonNode value) {
    public RpcId {
        Objects.requireNonNull(value, "value");
        if (!(value.isTextual() || value.isNumber())) {
            throw new IllegalArgumentException("a JSON-RPC id is a string or a number");
        }
    }

    public static RpcId of(long id) {
        return new RpcId(JsonNodeFactory.instance.numberNode(id));
    }

    public static RpcId of(BigInteger id) {
        return new RpcId(JsonNodeFactory.instance.numberNode(id));
    }

    public static RpcId of(String id) {
        return new RpcId(JsonNodeFactory.instance.textNode(id));
    }

    /** The id of a JSON value, if it may be one (a string or a number; not null, not an object). */
    public static Optional<RpcId> from(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber()) ? Optional.of(new RpcId(node)) : Optional.empty();
    }

    /** The id as a long, when it is an integer that fits (for matching answers to own requests). */
    public OptionalLong asLong() {
        return value.isIntegralNumber() && value.canConvertToLong() ? OptionalLong.of(value.longValue()) : OptionalLong.empty();
    }

    /** Equal by value: {@code 7} read from the wire equals {@code RpcId.of(7L)}, whatever node type Jackson chose. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RpcId other)) {
            return false;
        }
        if (value.isNumber() && other.value.isNumber()) {
            return value.decimalValue().compareTo(other.value.decimalValue()) == 0;
        }
        return value.isTextual() && other.value.isTextual() && value.asText().equals(other.value.asText());
    }

    @Override
    public int hashCode() {
        return value.isNumber() ? value.decimalValue().stripTrailingZeros().hashCode() : value.asText().hashCode();
    }

    /** Its JSON text: {@code 7}, {@code "draft-7"}. */
    @Override
    public String toString() {
        return value.toString();
    }
}
