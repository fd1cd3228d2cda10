package org.tokendesk.ui.everywhere;

import java.io.IOException;
import java.util.Map;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Http;

/**
 * An HTTP client that sends requests for named registries (say api.chatie.io) to loopback registries
 * instead, so the window shows the real names and the real fix lines while nothing leaves the machine.
 * A request for any other host fails (loopback ones too, unless let through).
 */
public final class Rerouted {
    private Rerouted() {
    }

    static OkHttpClient client(Map<Registry, Registry> routes) {
        return client(routes, false);
    }

    /** {@code loopbackPasses}: requests for 127.0.0.1 go as they are (a registry or service played on loopback). */
    public static OkHttpClient client(Map<Registry, Registry> routes, boolean loopbackPasses) {
        return Http.newClient(Http.Timeouts.DISCOVERY).newBuilder().addInterceptor(chain -> {
            HttpUrl url = chain.request().url();
            for (Map.Entry<Registry, Registry> route : routes.entrySet()) {
                if (route.getKey().host().equalsIgnoreCase(url.host())) {
                    HttpUrl to = url.newBuilder().scheme(route.getValue().baseUrl().getScheme())
                            .host(route.getValue().host()).port(route.getValue().baseUrl().getPort()).build();
                    return chain.proceed(chain.request().newBuilder().url(to).build());
                }
            }
            if (loopbackPasses && url.host().equals("127.0.0.1")) {
                return chain.proceed(chain.request());
            }
            throw new IOException("test client: no route for " + url.host());
        }).build();
    }
}
