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
 * More certificate authorities to trust, each for a few addresses only: TokenDesk's own registry,
 * whose CA it made itself, and the registries whose CA file the user gave in the settings.
 * Everywhere else only the system's roots count. Changed while the app runs (the registry starts
 * and stops, settings change), read by every HTTP and WebSocket client on each connection.
 */
public final class ExtraTrust {
    private volatile Grant grant;
    /** The settings' CA files, one grant per registry address; replaced whole. */
    private volatile List<Grant> registryGrants = List.of();

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
        Grant g = make(hosts, port, List.of(ca));
        grant = g;
        return g;
    }

    /** Forgets the own registry's grant; the settings' CA files stay. */
    public void revoke() {
        grant = null;
    }

    /**
     * A grant of {@code cas} (a CA file may hold several certificates) for {@code hosts} at
     * {@code port}, not yet in force: see {@link #useRegistryGrants}.
     */
    public static Grant make(Set<String> hosts, int port, List<X509Certificate> cas) {
        if (cas.isEmpty()) {
            throw new IllegalArgumentException("no certificate to trust");
        }
        X509TrustManager manager = combined(cas);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return new Grant(hosts, port, cas.get(0), context, manager);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no TLS context", e);
        }
    }

    /** The settings' registry CAs from now on, in place of the earlier ones; the own registry's grant is kept. */
    public void useRegistryGrants(List<Grant> grants) {
        registryGrants = List.copyOf(grants);
    }

    public List<Grant> registryGrants() {
        return registryGrants;
    }

    /** The grant covering {@code host:port}, if any: the own registry's first, then the settings' CA files. */
    public Optional<Grant> forAddress(String host, int port) {
        Grant g = grant;
        if (g != null && g.covers(host, port)) {
            return Optional.of(g);
        }
        for (Grant r : registryGrants) {
            if (r.covers(host, port)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The system's default trust, and {@code ca} besides. */
    static X509TrustManager combined(X509Certificate ca) {
        return combined(List.of(ca));
    }

    /** The system's default trust, and {@code cas} besides. */
    static X509TrustManager combined(List<X509Certificate> cas) {
        try {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                own.setCertificateEntry("tokendesk-registry-ca-" + i, cas.get(i));
            }
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
