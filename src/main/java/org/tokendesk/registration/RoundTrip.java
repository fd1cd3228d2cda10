package org.tokendesk.registration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Consumer;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Workers;
import org.tokendesk.token.Token;

/**
 * The two checks made after a token comes online: does discovery lead back to our port (the
 * round trip), and does anything listen on localhost:port. Results come back through callbacks
 * on the engine's threads.
 */
final class RoundTrip implements AutoCloseable {
    private final DiscoveryClient discovery;
    private final Duration localTimeout;
    private final ThreadPoolExecutor checks = Workers.bounded("keep-online-check", 2);

    /** @param discovery {@code null} skips the round trip */
    RoundTrip(DiscoveryClient discovery, Duration localTimeout) {
        this.discovery = discovery;
        this.localTimeout = localTimeout;
    }

    boolean canVerify() {
        return discovery != null;
    }

    void verify(Registry registry, Token token, int port, Consumer<Verification> done) {
        discovery.lookup(registry, token).thenAccept(lookup -> done.accept(Verification.of(lookup, port)));
    }

    void checkLocal(int port, Consumer<LocalService> done) {
        checks.execute(() -> done.accept(probeLocal(port, localTimeout)));
    }

    /** Tests whether anything accepts a TCP connection on localhost:port within {@code timeout}. Blocks. */
    static LocalService probeLocal(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), (int) Math.max(1, timeout.toMillis()));
            return new LocalService.Listening(port);
        } catch (SocketTimeoutException e) {
            return new LocalService.NotListening(port, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new LocalService.NotListening(port, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** The technical log detail of a verification. */
    static String describe(Verification v) {
        if (v instanceof Verification.Verified ok) {
            return ok.host() + ":" + ok.port();
        }
        if (v instanceof Verification.OtherPort other) {
            return other.host() + ":" + other.port() + " (expected port " + other.expected() + ")";
        }
        if (v instanceof Verification.Unreachable u) {
            return "unreachable " + u.publicIp().orElse("?") + ":" + u.port();
        }
        if (v instanceof Verification.NotRegistered n) {
            return "not registered (" + n.status() + ")";
        }
        if (v instanceof Verification.Failed f) {
            return f.lookup().failure() + ": " + f.lookup().detail();
        }
        return v.toString();
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
