package org.tokendesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** What registration's old {@code InboundTest} asserted, against the protocol package it moved to. */
class RegistrantFramesTest {
    static RpcMessage rpc(String frame) {
        return assertInstanceOf(FrameRead.Ok.class, Frame.read(frame)).frame().rpc().orElseThrow();
    }

    @Test
    void readsPortQueriesUnderBothNames() {
        assertEquals(RpcMessage.portQuery(RpcId.of(7)), rpc("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getHostieGrpcPort\"}}"));
        RpcMessage.Request draft = assertInstanceOf(RpcMessage.Request.class,
                rpc("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"hostieGrpcPort\"}}"));
        assertEquals(true, Methods.isPortQuery(draft.method()));
    }

    @Test
    void answersKeepTheIdAsItCame() {
        assertEquals("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":8788}}",
                RpcMessage.result(RpcId.of(7), 8788).toFrame().toJson());
        assertEquals("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}}",
                RpcMessage.methodNotFound(RpcId.of(7)).toFrame().toJson());
    }

    @Test
    void tellsNotificationsResponsesAndGarbageApart() {
        assertInstanceOf(RpcMessage.Notification.class, rpc("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"method\":\"getHostieGrpcPort\"}}"));
        assertInstanceOf(RpcMessage.Result.class, rpc("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":3}}"));
        assertInstanceOf(RpcMessage.Request.class, rpc("{\"name\":\"jsonrpc\",\"payload\":{\"id\":1,\"method\":{\"x\":1}}}"));
        assertInstanceOf(RpcMessage.Invalid.class, rpc("{\"name\":\"jsonrpc\",\"payload\":{\"id\":{},\"method\":\"getHostieGrpcPort\"}}"));
        assertInstanceOf(FrameRead.Malformed.class, Frame.read("{\"payload\":1}"));
        assertInstanceOf(FrameRead.Malformed.class, Frame.read("\"sys\""));
        assertInstanceOf(FrameRead.Malformed.class, Frame.read("{".repeat(100) + "}".repeat(100)));
        assertEquals("botie", assertInstanceOf(FrameRead.Ok.class, Frame.read("{\"name\":\"botie\",\"payload\":{\"source\":\"x\"}}")).frame().name());
    }
}
