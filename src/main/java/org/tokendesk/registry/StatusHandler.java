package org.tokendesk.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /admin/status}: read-only JSON of what the registry holds, tokens masked. Answers
 * loopback clients only unless the user opened it; others get the same 404 as any unknown path.
 */
final class StatusHandler extends Handler.Abstract {
    static final String PATH = "/admin/status";

    private final RegistryCore core;
    private final boolean open;
    private final String listening;
    private final boolean tls;

    StatusHandler(RegistryCore core, boolean open, String listening, boolean tls) {
        this.core = core;
        this.open = open;
        this.listening = listening;
        this.tls = tls;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        if (!path.equals(PATH) || !request.getMethod().equals("GET") || !(open || loopback(Request.getRemoteAddr(request)))) {
            Response.writeError(request, response, callback, 404);
            return true;
        }
        Json.write(response, callback, 200, status(core, listening, tls).toString());
        return true;
    }

    static ObjectNode status(RegistryCore core, String listening, boolean tls) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("listening", listening);
        root.put("tls", tls);
        root.put("started", core.started().toString());
        ObjectNode allow = root.putObject("allowList");
        allow.put("active", core.allow().active());
        allow.put("entries", core.allow().size());
        root.put("online", core.onlineCount());
        root.put("lookups", core.lookupCount());
        root.put("found", core.foundCount());
        ArrayNode tokens = root.putArray("registrants");
        for (Registrant r : core.online()) {
            ObjectNode row = tokens.addObject();
            row.put("token", r.token().masked());
            row.put("since", r.since().toString());
            row.put("from", r.remoteAddress());
            row.put("host", r.host());
            if (r.lastPort().isPresent()) {
                row.put("port", r.lastPort().getAsInt());
                row.put("portAnsweredAt", r.lastPortAt().toString());
            } else {
                row.putNull("port");
            }
            row.put("lookups", r.lookups());
            row.set("reach", reach(r.reach()));
        }
        return root;
    }

    private static ObjectNode reach(Reach reach) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (reach instanceof Reach.Reachable r) {
            node.put("state", "reachable");
            node.put("address", r.host() + ":" + r.port());
            node.put("checked", r.checked().toString());
            node.put("millis", r.millis());
        } else if (reach instanceof Reach.Unreachable u) {
            node.put("state", "unreachable");
            node.put("address", u.host() + ":" + u.port());
            node.put("checked", u.checked().toString());
            node.put("why", u.why());
        } else {
            node.put("state", "not checked");
        }
        return node;
    }

    static boolean loopback(String address) {
        String bare = ClientAddress.canonical(address);
        if (!bare.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
