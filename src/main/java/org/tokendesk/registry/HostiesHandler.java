package org.tokendesk.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /v0/hosties/<token>} as every SDK reads it: 200 with both {@code host} and {@code ip}
 * and an integer port, or 404 {@code {"host":"0.0.0.0","ip":"0.0.0.0","port":0}}. No thread waits
 * for the registrant: the answer is written when its future completes; {@code /admin/status}
 * goes to the next handler.
 */
final class HostiesHandler extends Handler.Wrapper {
    static final String PREFIX = "/v0/hosties/";
    static final String NOT_FOUND = "{\"host\":\"0.0.0.0\",\"ip\":\"0.0.0.0\",\"port\":0}";

    private final RegistryCore core;

    HostiesHandler(RegistryCore core, Handler next) {
        super(next);
        this.core = core;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getDecodedPath();
        if (!path.startsWith(PREFIX)) {
            return super.handle(request, response, callback);
        }
        if (!request.getMethod().equals("GET")) {
            Response.writeError(request, response, callback, 405);
            return true;
        }
        core.lookup(path.substring(PREFIX.length())).whenComplete((answer, error) -> {
            if (answer instanceof Answer.Found found) {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("host", found.host());
                body.put("ip", found.host());
                body.put("port", found.port());
                Json.write(response, callback, 200, body.toString());
            } else {
                Json.write(response, callback, 404, NOT_FOUND);
            }
        });
        return true;
    }
}
