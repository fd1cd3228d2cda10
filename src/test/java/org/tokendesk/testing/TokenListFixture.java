package org.tokendesk.testing;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Http;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.Timing;
import org.tokendesk.store.SavedToken;
import org.tokendesk.ui.model.TokenListModel;

/**
 * The window's token list with what stands behind it in the app (lookup pool, keep-online engine,
 * probe), wired as the app wires them and closed together, HTTP client included.
 */
public final class TokenListFixture implements AutoCloseable {
    private final OkHttpClient http;
    private final DiscoveryClient discovery;
    private final KeepOnline engine;
    private final Probe probe;
    private final TokenListModel model;

    private TokenListFixture(OkHttpClient http, Registry registry, Timing timing, Consumer<List<SavedToken>> save) {
        this.http = http;
        this.discovery = new DiscoveryClient(http, 16);
        this.engine = new KeepOnline(discovery, timing);
        this.probe = new Probe(http, ProbeConfig.defaults(), 2);
        this.model = new TokenListModel(discovery, engine, probe, registry, SavedToken.DEFAULT_PORT, save, Clock.systemUTC());
    }

    /** A list that checks at {@code registry} with a plain client; every save goes to {@code save}. */
    public static TokenListFixture open(Registry registry, Consumer<List<SavedToken>> save) {
        return open(Http.newClient(Http.Timeouts.DISCOVERY), registry, Timing.DEFAULT, save);
    }

    public static TokenListFixture open(OkHttpClient http, Registry registry, Timing timing, Consumer<List<SavedToken>> save) {
        return new TokenListFixture(http, registry, timing, save);
    }

    public TokenListModel model() {
        return model;
    }

    public KeepOnline engine() {
        return engine;
    }

    public OkHttpClient http() {
        return http;
    }

    @Override
    public void close() {
        engine.close();
        probe.close();
        discovery.close();
        Http.shutdown(http);
    }
}
