package org.tokendesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;

class RpcMessageTest {
    static RpcMessage rpc(String payload) {
        Frame frame = assertInstanceOf(FrameRead.Ok.class, Frame.read("{\"name\":\"jsonrpc\",\"payload\":" + payload + "}")).frame();
        return frame.rpc().orElseThrow();
    }

    static String answer(String payload, int port) {
        return Registrant.answer(rpc(payload), port).map(m -> m.toFrame().toJson()).orElse("none");
    }

    @Test
    void thePortQueryIsAnsweredUnderBothNamesWithTheIdExactlyAsSent() {
        assertEquals("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":8788}}",
                answer("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getHostieGrpcPort\"}", 8788));
        assertEquals("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":\"draft-7\",\"result\":9}}",
                answer("{\"jsonrpc\":\"2.0\",\"id\":\"draft-7\",\"method\":\"hostieGrpcPort\"}", 9));
        for (String id : new String[] {"-9007199254736248", "123456789012345678901234567890", "-0.5", "1.50", "0", "\"\""}) {
            String out = answer("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"getHostieGrpcPort\"}", 8788);
            assertTrue(out.contains("\"id\":" + id + ",\"result\":8788"), id + " -> " + out);
        }
    }

    @Test
    void numberIdsBeyondDoubleAndLongAreEchoedAsTheirOwnText() {
        for (String id : new String[] {"1e400", "-1E-400", "-0", "12345678901234567890123", "1.0", "0.0000001", "1E+2", "-0.0e0"}) {
            String out = answer("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"getHostieGrpcPort\"}", 8788);
            assertEquals("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":8788}}", out, id);
            String error = answer("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"other\"}", 8788);
            assertTrue(error.contains("\"id\":" + id + ",\"error\""), id + " -> " + error);
        }
        // Nested ids elsewhere and a frame with an id under "params" do not confuse the reader.
        assertTrue(answer("{\"params\":{\"id\":5},\"id\":1e400,\"method\":\"getHostieGrpcPort\"}", 1).contains("\"id\":1e400,"));
        assertEquals(rpc("{\"id\":1e400,\"method\":\"x\"}"), rpc("{\"id\":1E400,\"method\":\"x\"}"), "equal by value");
    }

    @Test
    void anyOtherMethodGetsMethodNotFoundWithThatId() {
        assertEquals("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}}",
                answer("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"rm -rf\"}", 1));
        RpcMessage.Request odd = assertInstanceOf(RpcMessage.Request.class, rpc("{\"id\":1,\"method\":{\"x\":1}}"));
        assertEquals("{\"x\":1}", odd.method());
        assertTrue(answer("{\"id\":1,\"method\":{\"x\":1}}", 1).contains("-32601"));
    }

    @Test
    void notificationsResponsesAndInvalidPayloadsAreNotAnswered() {
        assertInstanceOf(RpcMessage.Notification.class, rpc("{\"jsonrpc\":\"2.0\",\"method\":\"getHostieGrpcPort\"}"));
        assertInstanceOf(RpcMessage.Notification.class, rpc("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"getHostieGrpcPort\"}"));
        assertEquals(new RpcMessage.Invalid(RpcProblem.BAD_ID), rpc("{\"id\":{},\"method\":\"getHostieGrpcPort\"}"));
        assertEquals(new RpcMessage.Invalid(RpcProblem.NOT_AN_OBJECT), rpc("\"getHostieGrpcPort\""));
        assertEquals(new RpcMessage.Invalid(RpcProblem.NO_METHOD_NO_RESULT), rpc("{\"id\":1}"));
        RpcMessage.Result r = assertInstanceOf(RpcMessage.Result.class, rpc("{\"jsonrpc\":\"2.0\",\"id\":-9007199254736248,\"result\":3}"));
        assertEquals(OptionalLong.of(-9007199254736248L), r.id().asLong());
        assertEquals(3, r.result().asInt());
        RpcMessage.Error e = assertInstanceOf(RpcMessage.Error.class, rpc("{\"id\":2,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}"));
        assertEquals(RpcError.METHOD_NOT_FOUND, e.error());
        for (String p : new String[] {"{\"jsonrpc\":\"2.0\",\"method\":\"getHostieGrpcPort\"}", "{\"id\":1,\"result\":3}", "{\"id\":{},\"method\":\"x\"}", "7"}) {
            assertEquals("none", answer(p, 1), p);
        }
    }

    @Test
    void aServerBuildsTheQueryAndReadsTheAnswerBack() {
        RpcId id = RpcId.of(-9007199254736248L);
        String query = RpcMessage.portQuery(id).toFrame().toJson();
        assertEquals("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":-9007199254736248,\"method\":\"getHostieGrpcPort\"}}", query);
        RpcMessage back = Registrant.answer(assertInstanceOf(FrameRead.Ok.class, Frame.read(query)).frame().rpc().orElseThrow(), 8788).orElseThrow();
        RpcMessage.Result result = assertInstanceOf(RpcMessage.Result.class, rpc(back.toPayload().toString()));
        assertEquals(id, result.id());
        assertEquals(RpcId.of(new BigInteger("18446744073709551617")).toString(), "18446744073709551617");
        assertEquals(OptionalLong.empty(), RpcId.of(new BigInteger("18446744073709551617")).asLong());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"}}",
                new RpcMessage.Error(Optional.empty(), RpcError.INVALID_REQUEST).toPayload().toString());
        assertThrows(IllegalArgumentException.class, () -> new RpcId(NullNode.instance));
    }
}
