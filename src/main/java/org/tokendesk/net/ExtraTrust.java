package org.tokendesk.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * One more certificate authority to trust, for a few addresses only: TokenDesk's own registry,
 * whose CA it made itself. Everywhere else only the system's roots count. Changed while the app
 * runs (the registry starts and stops), read by every HTTP and WebSocket client on each connection.
 */
public final class ExtraTrust {
    private volatile Grant grant;

    /**
     * Trust for {@code hosts} at {@code port}: the system's roots plus {@code ca}.
     *
     * @param context  an SSL context with that trust
     * @param manager  its trust manager (OkHttp wants both)
     */
    public record Grant(Set<String> hosts, int port, X509Certificate ca, SSLContext context, X509TrustManager manager) {
        public Grant {
            Set<String> lower = new TreeSet<>();
            hosts.forEach(h -> lower.add(canonical(h)));
            hosts = Set.copyOf(lower);
        }

        public boolean covers(String host, int port) {
            return this.port == port && hosts.contains(canonical(host));
        }
    }

    /** Trusts {@code ca} for {@code hosts} at {@code port} from now on, in place of any earlier grant. */
    public Grant grant(Set<String> hosts, int port, X509Certificate ca) {
        X509TrustManager manager = combined(ca);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            Grant g = new Grant(hosts, port, ca, context, manager);
            grant = g;
            return g;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no TLS context", e);
        }
    }

    public void revoke() {
        grant = null;
    }

    /** The grant covering {@code host:port}, if any. */
    public Optional<Grant> forAddress(String host, int port) {
        Grant g = grant;
        return g != null && g.covers(host, port) ? Optional.of(g) : Optional.empty();
    }

    /** The system's default trust, and {@code ca} besides. */
    static X509TrustManager combined(X509Certificate ca) {
        try {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setCertificateEntry("tokendesk-registry-ca", ca);
            TrustManagerFactory extra = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            extra.init(own);
            return new Either(first(system), first(extra));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the trust for the registry's CA", e);
        }
    }

    private static X509TrustManager first(TrustManagerFactory factory) {
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    /** Lower case, IPv6 without brackets and in one spelling ({@code ::1} and {@code 0:0:0:0:0:0:0:1} are one address). */
    static String canonical(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        h = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        if (h.indexOf(':') >= 0 && h.matches("[0-9a-f:.]+")) {
            try {
                // An IPv6 literal: parsed, never looked up.
                return InetAddress.getByName(h).getHostAddress();
            } catch (UnknownHostException e) {
                return h;
            }
        }
        return h;
    }

    /** Trusts a chain when either manager does: the system's first, then the registry's CA. */
    private record Either(X509TrustManager system, X509TrustManager extra) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            system.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                system.checkServerTrusted(chain, authType);
            } catch (CertificateException notSystem) {
                extra.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
            all.addAll(List.of(extra.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }
}
