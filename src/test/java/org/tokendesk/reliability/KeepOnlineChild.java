package org.tokendesk.reliability;

import java.net.URI;
import java.time.Duration;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Http;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.Timing;
import org.tokendesk.token.Token;

/**
 * A keep-online process with a short ping interval, for tests that stop and continue it with
 * signals (the CLI pings every 10 s, which would make such a test take minutes).
 * Args: {@code REGISTRY_URL PING_MILLIS TOKEN=PORT…}. Runs until killed.
 */
public final class KeepOnlineChild {
    private KeepOnlineChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Registry registry = new Registry(URI.create(args[0]));
        Duration ping = Duration.ofMillis(Long.parseLong(args[1]));
        Timing timing = Timing.DEFAULT.withPingInterval(ping).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .withHandshakeTimeout(Duration.ofSeconds(3));
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        KeepOnline engine = new KeepOnline(new DiscoveryClient(http, 2), timing);
        for (int i = 2; i < args.length; i++) {
            int cut = args[i].lastIndexOf('=');
            engine.keep(Token.of(args[i].substring(0, cut)), registry, Integer.parseInt(args[i].substring(cut + 1)));
        }
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
