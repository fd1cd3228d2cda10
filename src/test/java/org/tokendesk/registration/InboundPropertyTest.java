package org.tokendesk.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.tokendesk.testing.Hostile;

/** Any frame the registry (or anyone holding the token) sends: one of the typed kinds, and answers keep the id exactly. */
class InboundPropertyTest {
    @Provide
    Arbitrary<String> frames() {
        Arbitrary<String> eventShaped = Arbitraries.randomValue(random -> "{\"name\":"
                + Hostile.json(random) + ",\"payload\":"
                + Hostile.json(random) + "}");
        Arbitrary<String> rpcShaped = Arbitraries.randomValue(random -> {
            String[] methods = {"\"getHostieGrpcPort\"", "\"hostieGrpcPort\"", "\"shutdown\"", "null", "{}", "7"};
            String[] ids = {"7", "-9007199254736248", "123456789012345678901234567890", "\"abc\"", "null", "{}", "[]", "1.5", "1e400"};
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
    void anyFrameIsOneKindAndPortAnswersKeepTheId(@ForAll("frames") String text) throws Exception {
        Inbound in = Inbound.read(text);
        assertNotNull(in);
        if (in instanceof Inbound.PortQuery q) {
            assertTrue(q.id().isTextual() || q.id().isNumber());
            JsonNode answer = Inbound.JSON.readTree(Inbound.portAnswer(q.id(), 8788));
            if (q.id().isTextual() || q.id().isIntegralNumber()) {
                // Beyond 64 bits too; a fractional id such as 1e400 is answered, but not kept exactly (RELIABILITY.md).
                assertEquals(q.id(), answer.path("payload").path("id"));
            }
            assertEquals(8788, answer.path("payload").path("result").asInt());
        } else if (in instanceof Inbound.UnknownMethod u) {
            JsonNode answer = Inbound.JSON.readTree(Inbound.methodNotFound(u.id()));
            assertEquals(-32601, answer.path("payload").path("error").path("code").asInt());
            if (u.id().isTextual() || u.id().isIntegralNumber()) {
                assertEquals(u.id(), answer.path("payload").path("id"));
            }
        } else if (in instanceof Inbound.Event e) {
            assertNotNull(e.payloadText());
        } else if (!(in instanceof Inbound.RpcNoReply)) {
            assertInstanceOf(Inbound.Garbage.class, in);
        }
    }
}
