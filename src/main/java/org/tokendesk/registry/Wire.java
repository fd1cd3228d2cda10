package org.tokendesk.registry;

import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;

import org.tokendesk.protocol.EventName;
import org.tokendesk.protocol.Frame;
import org.tokendesk.protocol.FrameLimits;
import org.tokendesk.protocol.RpcId;
import org.tokendesk.protocol.RpcMessage;

/** The registry's side of the frames, on org.tokendesk.protocol's codec. */
final class Wire {
    private Wire() {
    }

    /** The protocol's frame bounds at the registry's frame size. */
    static FrameLimits limits(Limits limits) {
        return new FrameLimits(limits.maxFrameBytes(), FrameLimits.DEFAULT.maxDepth(), FrameLimits.DEFAULT.maxNumberDigits());
    }

    static String request(RpcId id, String method) {
        return new RpcMessage.Request(id, method, null).toFrame().toJson();
    }

    static String methodNotFound(RpcId id) {
        return RpcMessage.methodNotFound(id).toFrame().toJson();
    }

    static String event(EventName name, String payload) {
        return Frame.of(name, payload).toJson();
    }

    /** An integer 1..65535 as a JSON number (never a string, a fraction or out of range). */
    static OptionalInt validPort(JsonNode result) {
        if (result != null && result.isIntegralNumber() && result.canConvertToInt()) {
            int p = result.intValue();
            if (p >= 1 && p <= 65535) {
                return OptionalInt.of(p);
            }
        }
        return OptionalInt.empty();
    }
}
