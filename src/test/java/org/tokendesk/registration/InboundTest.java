package org.tokendesk.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

class InboundTest {
    @Test
    void readsPortQueriesUnderBothNames() {
        assertEquals(new Inbound.PortQuery(IntNode.valueOf(7), "getHostieGrpcPort"),
                Inbound.read("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getHostieGrpcPort\"}}"));
        assertInstanceOf(Inbound.PortQuery.class,
                Inbound.read("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"hostieGrpcPort\"}}"));
    }

    @Test
    void answersKeepTheIdAsItCame() {
        assertEquals("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":8788}}",
                Inbound.portAnswer(IntNode.valueOf(7), 8788));
        assertEquals("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}}",
                Inbound.methodNotFound(IntNode.valueOf(7)));
    }

    @Test
    void tellsNotificationsResponsesAndGarbageApart() {
        assertInstanceOf(Inbound.RpcNoReply.class, Inbound.read("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"method\":\"getHostieGrpcPort\"}}"));
        assertInstanceOf(Inbound.RpcNoReply.class, Inbound.read("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":3}}"));
        assertInstanceOf(Inbound.UnknownMethod.class, Inbound.read("{\"name\":\"jsonrpc\",\"payload\":{\"id\":1,\"method\":{\"x\":1}}}"));
        assertInstanceOf(Inbound.RpcNoReply.class, Inbound.read("{\"name\":\"jsonrpc\",\"payload\":{\"id\":{},\"method\":\"getHostieGrpcPort\"}}"));
        assertInstanceOf(Inbound.Garbage.class, Inbound.read("{\"payload\":1}"));
        assertInstanceOf(Inbound.Garbage.class, Inbound.read("\"sys\""));
        assertInstanceOf(Inbound.Garbage.class, Inbound.read("{".repeat(100) + "}".repeat(100)));
        assertEquals("botie", ((Inbound.Event) Inbound.read("{\"name\":\"botie\",\"payload\":{\"source\":\"x\"}}")).name());
    }
}
