package org.tokendesk.protocol;

import java.util.Optional;

/** What a registrant answers to the registry's JSON-RPC: its port to the port query, -32601 to anything else. */
public final class Registrant {
    private Registrant() {
    }

    /** The answer to {@code message}, or empty when nothing is to be answered (notifications, responses, invalid). */
    public static Optional<RpcMessage> answer(RpcMessage message, int port) {
        if (message instanceof RpcMessage.Request r) {
            return Optional.of(Methods.isPortQuery(r.method()) ? RpcMessage.result(r.id(), port) : RpcMessage.methodNotFound(r.id()));
        }
        return Optional.empty();
    }
}
