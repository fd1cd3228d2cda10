package org.tokendesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class FrameTest {
    static Frame ok(String text) {
        return assertInstanceOf(FrameRead.Ok.class, Frame.read(text)).frame();
    }

    static FrameProblem problem(String text) {
        return assertInstanceOf(FrameRead.Malformed.class, Frame.read(text)).problem();
    }

    @Test
    void readsNameAndPayloadOfAnyKind() {
        assertEquals("registered", ok("{\"name\":\"sys\",\"payload\":\"registered\"}").payloadText());
        Frame hostie = ok("{\"name\":\"hostie\"}");
        assertEquals(null, hostie.payload());
        assertEquals("", hostie.payloadText());
        assertEquals(EventName.HOSTIE, hostie.event().orElseThrow());
        assertEquals("{\"source\":\"x\"}", ok("{\"name\":\"botie\",\"payload\":{\"source\":\"x\"}}").payloadText());
        assertEquals("future", ok("{\"name\":\"future\",\"payload\":1}").name());
        assertEquals(Optional.empty(), ok("{\"name\":\"future\"}").event());
    }

    @Test
    void everyMalformedFrameIsATypedResultNeverAnException() {
        assertEquals(FrameProblem.NOT_JSON, problem("not json at all"));
        assertEquals(FrameProblem.NOT_JSON, problem(""));
        assertEquals(FrameProblem.NOT_JSON, problem(null));
        assertEquals(FrameProblem.NOT_JSON, problem("{\"name\":\"sys\"} trailing"));
        assertEquals(FrameProblem.NOT_JSON, problem("{\"name\":\"sys\""));
        assertEquals(FrameProblem.NOT_AN_OBJECT, problem("[1,2,3]"));
        assertEquals(FrameProblem.NOT_AN_OBJECT, problem("\"sys\""));
        assertEquals(FrameProblem.NOT_AN_OBJECT, problem("null"));
        assertEquals(FrameProblem.NO_EVENT_NAME, problem("{\"payload\":1}"));
        assertEquals(FrameProblem.NO_EVENT_NAME, problem("{\"name\":5}"));
        assertEquals(FrameProblem.NOT_JSON, problem("{".repeat(100) + "}".repeat(100)));
        assertEquals(FrameProblem.TOO_DEEP, problem("{\"name\":\"x\",\"payload\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(101)));
        assertEquals(FrameProblem.TOO_DEEP, problem("[".repeat(5000)));
    }

    @Test
    void sizeIsBoundedBeforeParsing() {
        FrameLimits small = new FrameLimits(100, 8, 50);
        String big = "{\"name\":\"sys\",\"payload\":\"" + "x".repeat(100) + "\"}";
        assertEquals(FrameProblem.TOO_LARGE, assertInstanceOf(FrameRead.Malformed.class, Frame.read(big, small)).problem());
        assertInstanceOf(FrameRead.Ok.class, Frame.read(big));
        String manyDigits = "{\"name\":\"x\",\"payload\":" + "9".repeat(60) + "}";
        assertEquals(FrameProblem.TOO_LARGE, assertInstanceOf(FrameRead.Malformed.class, Frame.read(manyDigits, small)).problem());
        String nested = "{\"name\":\"x\",\"payload\":" + "[".repeat(8) + "]".repeat(8) + "}";
        assertEquals(FrameProblem.TOO_DEEP, assertInstanceOf(FrameRead.Malformed.class, Frame.read(nested, small)).problem());
        assertEquals(FrameProblem.TOO_LARGE, problem("{\"name\":\"sys\",\"payload\":\"" + "x".repeat(FrameLimits.DEFAULT.maxChars()) + "\"}"));
    }

    @Test
    void writesNameFirstAndLeavesAnAbsentPayloadOut() {
        assertEquals("{\"name\":\"hostie\"}", Frame.of(EventName.HOSTIE, null).toJson());
        assertEquals("{\"name\":\"sys\",\"payload\":\"roger\"}", Frame.of(EventName.SYS, EventName.ROGER).toJson());
        String text = "{\"name\":\"heartbeat\",\"payload\":{\"cuid\":\"x\",\"n\":[1,2.50]}}";
        assertEquals(text, ok(text).toJson());
    }
}
