package org.tokendesk.registry.tls;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What the registry presents over TLS: its key and certificate chain (server first), and the CA
 * that clients must trust when TokenDesk made the chain itself.
 */
public record ServerIdentity(PrivateKey key, List<X509Certificate> chain, Optional<X509Certificate> ownCa) {
    public static final char[] STORE_PASSWORD = "tokendesk".toCharArray();

    public ServerIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
    }

    /** An in-memory key store for Jetty's SslContextFactory; never written to disk. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("registry", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the in-memory key store", e);
        }
    }
}
