package org.tokendesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.tokendesk.testing.Hostile;

/** Any frame the registry (or anyone holding the token) sends: read or named malformed, and answers keep the id exactly. */
class FramePropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<String> frames() {
        Arbitrary<String> eventShaped = Arbitraries.randomValue(random -> "{\"name\":"
                + Hostile.json(random) + ",\"payload\":"
                + Hostile.json(random) + "}");
        Arbitrary<String> rpcShaped = Arbitraries.randomValue(random -> {
            String[] methods = {"\"getHostieGrpcPort\"", "\"hostieGrpcPort\"", "\"shutdown\"", "null", "{}", "7"};
            String[] ids = {"7", "-9007199254736248", "123456789012345678901234567890", "\"abc\"", "null", "{}", "[]", "1.5", "1e400", "-0", "12345678901234567890123", "1.0", "-1E-400", "0.0000001"};
            StringBuilder b = new StringBuilder("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\"");
            if (random.nextInt(5) > 0) {
                b.append(",\"id\":").append(ids[random.nextInt(ids.length)]);
            }
            if (random.nextInt(5) > 0) {
                b.append(",\"method\":").append(methods[random.nextInt(methods.length)]);
            }
            return b.append("}}").toString();
        });
        Arbitrary<String> deep = Arbitraries.integers().between(1, 5000).map(n -> "{\"name\":\"x\",\"payload\":" + "[".repeat(n) + "]".repeat(n) + "}");
        return Arbitraries.oneOf(Hostile.strings(), eventShaped, rpcShaped, deep);
    }

    @Property(tries = 1000)
    void anyFrameIsReadOrNamedMalformedAndAnswersKeepTheId(@ForAll("frames") String text) throws Exception {
        FrameRead read = Frame.read(text);
        assertNotNull(read);
        if (!(read instanceof FrameRead.Ok ok)) {
            assertInstanceOf(FrameRead.Malformed.class, read);
            return;
        }
        assertNotNull(ok.frame().payloadText());
        Optional<RpcMessage> rpc = ok.frame().rpc();
        if (rpc.isEmpty() || !(rpc.get() instanceof RpcMessage.Request request)) {
            assertEquals(Optional.empty(), rpc.flatMap(m -> Registrant.answer(m, 8788)));
            return;
        }
        String answerText = Registrant.answer(request, 8788).orElseThrow().toFrame().toJson();
        JsonNode answer = JSON.readTree(answerText);
        String head = "{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":";
        if (text.startsWith(head)) {
            // Strings, integers beyond 64 bits, 1e400, 1.5: the answer carries the id's own text.
            String sent = text.substring(head.length()).split("[,}]", 2)[0];
            assertTrue(answerText.startsWith(head + sent + ","), () -> sent + " -> " + answerText);
        }
        if (Methods.isPortQuery(request.method())) {
            assertEquals(8788, answer.path("payload").path("result").asInt());
        } else {
            assertEquals(-32601, answer.path("payload").path("error").path("code").asInt());
        }
    }
}
