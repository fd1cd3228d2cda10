package org.tokendesk.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import org.tokendesk.net.Workers;
import org.tokendesk.registry.tls.MachineCertificate;
import org.tokendesk.registry.tls.MachineNames;
import org.tokendesk.registry.tls.ServerIdentity;
import org.tokendesk.registry.tls.UserCertificate;
import org.tokendesk.token.Token;

/**
 * TokenDesk's own registry: discovery ({@code /v0/hosties/<token>}) and registration
 * ({@code /v0/websocket}) on ONE port that serves https/wss and http/ws alike, TLS being told
 * apart on a connection's first bytes ({@code plain}: http/ws only), plus {@code /admin/status}.
 */
public final class RegistryServer implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final Duration RECHECK_CERTIFICATE = Duration.ofHours(6);

    private final RegistryOptions options;
    private final RegistryCore core;
    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger openSockets = new AtomicInteger();
    private final ConnectionRate rate;
    private final Optional<ServerIdentity> identity;
    private final ScheduledExecutorService renewals;

    private RegistryServer(RegistryOptions options, RegistryCore core, Optional<ServerIdentity> identity) {
        this.options = options;
        this.core = core;
        this.identity = identity;
        this.rate = new ConnectionRate(options.limits().connectBurst(), options.limits().connectsPerSecond());
        QueuedThreadPool threads = new QueuedThreadPool(96, 4);
        threads.setName("registry");
        threads.setDaemon(true);
        server = new Server(threads);
        // Registrants already got their close frames: stopping waits for nothing else for long.
        server.setStopTimeout(1000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        HttpConnectionFactory plainHttp = new HttpConnectionFactory(http);
        SslContextFactory.Server tls = null;
        if (identity.isPresent()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients check the name against the certificate themselves; a registry reached by another name still answers.
            secure.setSniHostCheck(false);
            secure.setStsMaxAge(-1);
            http.addCustomizer(secure);
            tls = new SslContextFactory.Server();
            tls.setKeyStore(identity.get().keyStore());
            tls.setKeyStorePassword(new String(ServerIdentity.STORE_PASSWORD));
            tls.setSniRequired(false);
            SslConnectionFactory ssl = new SslConnectionFactory(tls, plainHttp.getProtocol());
            connector = new ServerConnector(server, 1, 1, new DetectorConnectionFactory(ssl), plainHttp);
        } else {
            connector = new ServerConnector(server, 1, 1, plainHttp);
        }
        connector.setHost(options.listen().getHostString());
        connector.setPort(options.listen().getPort());
        connector.setReuseAddress(true);
        connector.setAcceptQueueSize(1024);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        // Lookups need sockets beside the registrants': a few hundred more than the WebSocket bound.
        server.addBean(new NetworkConnectionLimit(options.limits().maxConnections() + 512, connector));
        Limits limits = options.limits();
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(limits.maxFrameBytes());
            container.setMaxBinaryMessageSize(limits.maxFrameBytes());
            container.setMaxFrameSize(limits.maxFrameBytes());
            long idle = Math.max(120_000, limits.pingInterval().toMillis() * (limits.missedPongs() + 3));
            container.setIdleTimeout(Duration.ofMillis(idle));
            container.addMapping("/v0/websocket/*", this::upgrade);
        });
        String listening = describe();
        ws.setHandler(new HostiesHandler(core, new StatusHandler(core, options.statusOpen(), listening, identity.isPresent())));
        server.setHandler(ws);
        this.renewals = renewals(tls);
    }

    /** Starts listening; for the registry's own certificate, makes or renews it first. */
    public static RegistryServer start(RegistryOptions options, TokenDirectory directory, RegistryEvent.Listener listener) throws IOException {
        Optional<ServerIdentity> identity = Optional.empty();
        if (!options.plain()) {
            identity = Optional.of(options.certificate().isPresent()
                    ? UserCertificate.load(options.certificate().get().certificate(), options.certificate().get().key())
                    : new MachineCertificate(options.tlsFolder(), Clock.systemUTC()).ensure(MachineNames.ofThisMachine()).identity());
        }
        RegistryCore core = new RegistryCore(directory, options.allow(), options.limits(), Clock.systemUTC());
        core.addListener(listener);
        RegistryServer registry = new RegistryServer(options, core, identity);
        try {
            registry.server.start();
        } catch (Exception e) {
            registry.close();
            throw new IOException("cannot listen on " + options.listen().getHostString() + ":" + options.listen().getPort() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        return registry;
    }

    public RegistryCore core() {
        return core;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(options.listen().getHostString(), port());
    }

    public boolean tls() {
        return identity.isPresent();
    }

    /** The CA clients must trust, when the registry made its own certificate. */
    public Optional<java.security.cert.X509Certificate> ownCa() {
        return identity.flatMap(ServerIdentity::ownCa);
    }

    public int openSockets() {
        return openSockets.get();
    }

    private String describe() {
        return (identity.isPresent() ? "https+http" : "http") + "://" + options.listen().getHostString() + ":" + options.listen().getPort();
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String address = options.clientAddress().of(Request.getRemoteAddr(request), request.getHeaders().getValuesList("X-Forwarded-For"));
        Optional<String> tokenText = Upgrade.token(request.getHeaders().get(HttpHeader.AUTHORIZATION), request.getHttpURI().getDecodedPath());
        Optional<String> masked = tokenText.map(Token::mask);
        if (openSockets.get() >= options.limits().maxConnections()) {
            return refuse(request, response, callback, 503, masked, address, RegistryEvent.Refusal.TOO_MANY);
        }
        if (!rate.admit(address, System.nanoTime())) {
            return refuse(request, response, callback, 429, masked, address, RegistryEvent.Refusal.TOO_FAST);
        }
        Optional<Token> token = Upgrade.validToken(tokenText);
        if (token.isEmpty()) {
            return refuse(request, response, callback, 401, masked, address, RegistryEvent.Refusal.NO_TOKEN);
        }
        if (!core.allow().permits(token.get())) {
            return refuse(request, response, callback, 401, masked, address, RegistryEvent.Refusal.NOT_ALLOWED);
        }
        Optional<Upgrade.Io> io = Upgrade.io(request.getSubProtocols());
        if (io.isEmpty()) {
            return refuse(request, response, callback, 403, masked, address, RegistryEvent.Refusal.NOT_IO);
        }
        response.setAcceptedSubProtocol(io.get().offered());
        return new RegistrantSocket(core, new Registrant.Draft(token.get(), io.get().clientId(), io.get().advertisedHost(), address), openSockets);
    }

    private Object refuse(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback, int status,
                          Optional<String> masked, String address, RegistryEvent.Refusal why) {
        core.refused(masked, address, why);
        Response.writeError(request, response, callback, status);
        return null;
    }

    /** Re-checks the registry's own certificate now and then, so a registry that runs for months renews it in place. */
    private ScheduledExecutorService renewals(SslContextFactory.Server tls) {
        if (tls == null || options.certificate().isPresent()) {
            return null;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Workers.daemon("registry-renew"));
        long every = RECHECK_CERTIFICATE.toMinutes();
        timer.scheduleWithFixedDelay(() -> {
            try {
                MachineCertificate.Outcome outcome = new MachineCertificate(options.tlsFolder(), Clock.systemUTC()).ensure(MachineNames.ofThisMachine());
                if (outcome.made() != MachineCertificate.Made.NOTHING) {
                    tls.reload(f -> f.setKeyStore(outcome.identity().keyStore()));
                }
            } catch (Exception e) {
                // The current certificate keeps serving; the next check tries again.
            }
        }, every, every, TimeUnit.MINUTES);
        return timer;
    }

    /** Close frames to every registrant (so they reconnect elsewhere at once), then the port closes. */
    @Override
    public void close() {
        if (renewals != null) {
            renewals.shutdownNow();
        }
        try {
            if (server.isStarted()) {
                connector.close();
                core.closeAll();
                long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
                while (openSockets.get() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Stopping: nothing left to save.
        } finally {
            core.close();
        }
    }
}
