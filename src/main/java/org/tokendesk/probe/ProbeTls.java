package org.tokendesk.probe;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.tokendesk.net.DecoratingSocketFactory;

/**
 * TLS the way the Wechaty SDK (grpc-js on Node) does it, on JSSE: trust only the given CA, send
 * the token's SNI even when it holds {@code _}, and check the certificate's name against it,
 * falling back to the CN when the certificate has no DNS names. One instance per attempt, so it
 * can tell afterwards what it saw.
 */
final class ProbeTls {
    private final String serverName;
    private final RecordingTrustManager trustManager;
    private final SSLSocketFactory socketFactory;
    private final NameVerifier verifier;

    ProbeTls(List<X509Certificate> anchors, String serverName) {
        this.serverName = serverName;
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + n++, anchor);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            X509TrustManager pkix = null;
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    pkix = x;
                }
            }
            this.trustManager = new RecordingTrustManager(pkix);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            this.socketFactory = DecoratingSocketFactory.tls(context.getSocketFactory(), socket -> named(socket, serverName));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the probe: " + e.getMessage(), e);
        }
        this.verifier = new NameVerifier(serverName);
    }

    SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    X509TrustManager trustManager() {
        return trustManager;
    }

    HostnameVerifier verifier() {
        return verifier;
    }

    /** The server's leaf certificate, when the handshake got that far. */
    Optional<X509Certificate> leaf() {
        X509Certificate[] chain = trustManager.seen;
        return chain == null || chain.length == 0 ? Optional.empty() : Optional.of(chain[0]);
    }

    /** Why the chain was refused, when it was. */
    Optional<CertificateException> chainFailure() {
        return Optional.ofNullable(trustManager.failure);
    }

    /** True once the chain was accepted. */
    boolean chainPassed() {
        return trustManager.seen != null && trustManager.failure == null;
    }

    /** The verifier's verdict: empty when it never ran. */
    Optional<Boolean> namePassed() {
        return Optional.ofNullable(verifier.verdict);
    }

    Optional<Attempt.Certificate> certificate() {
        return leaf().map(ProbeTls::describe);
    }

    String serverName() {
        return serverName;
    }

    static Attempt.Certificate describe(X509Certificate cert) {
        List<String> dns = dnsNames(cert);
        if (!dns.isEmpty()) {
            return new Attempt.Certificate(cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                    dns, Attempt.NameSource.SUBJECT_ALT_NAMES);
        }
        return new Attempt.Certificate(cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                commonNames(cert), Attempt.NameSource.COMMON_NAME);
    }

    static List<String> dnsNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String name) {
                        out.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return out;
    }

    static List<String> commonNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    out.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return List.of();
        }
        return out;
    }

    /** Node's rule: lower-case, a trailing dot ignored, {@code *} only as the whole leftmost label. */
    static boolean matches(String expected, String pattern) {
        String host = trimDot(expected.toLowerCase(Locale.ROOT));
        String p = trimDot(pattern.toLowerCase(Locale.ROOT));
        if (p.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(p.substring(1)) && p.indexOf('*', 1) < 0;
        }
        return host.equals(p);
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Sets the token's SNI on every socket; OkHttp adds ALPN on top, keeping the server names. */
    private static Socket named(Socket socket, String serverName) {
        if (socket instanceof SSLSocket ssl) {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setServerNames(List.of(new RawServerName(serverName)));
            ssl.setSSLParameters(parameters);
        }
        return socket;
    }

    /**
     * The SNI extension as a host name carrying any ASCII string: {@code javax.net.ssl.SNIHostName}
     * refuses {@code _}, which every {@code puppet_<name>} SNI holds.
     */
    static final class RawServerName extends SNIServerName {
        RawServerName(String name) {
            super(StandardConstants.SNI_HOST_NAME, name.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The JDK's PKIX check against our anchors only, remembering the chain and any refusal. */
    static final class RecordingTrustManager implements X509TrustManager {
        private final X509TrustManager pkix;
        volatile X509Certificate[] seen;
        volatile CertificateException failure;

        RecordingTrustManager(X509TrustManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            seen = chain == null ? null : chain.clone();
            try {
                pkix.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the probe is a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }

    /**
     * Checks the certificate against the expected server name, not against the host OkHttp dialled
     * (an IP address, usually). OkHttp's own verifier reads DNS subjectAltNames only.
     */
    static final class NameVerifier implements HostnameVerifier {
        private final String expected;
        volatile Boolean verdict;

        NameVerifier(String expected) {
            this.expected = expected;
        }

        @Override
        public boolean verify(String dialledHost, SSLSession session) {
            try {
                if (!(session.getPeerCertificates()[0] instanceof X509Certificate leaf)) {
                    verdict = false;
                    return false;
                }
                Attempt.Certificate described = describe(leaf);
                verdict = described.names().stream().anyMatch(name -> matches(expected, name));
                return verdict;
            } catch (SSLPeerUnverifiedException | RuntimeException e) {
                verdict = false;
                return false;
            }
        }
    }
}
