package org.tokendesk.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority made in memory for a test run, and server certificates it
 * signs: X.509 v1 with only a CN (like the stock Wechaty service certificate, CN=insecure), or v3
 * with DNS subjectAltNames. EC P-256 keys, because RSA key generation is slow.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final char[] PASSWORD = "test".toCharArray();

    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final X500Name caName;

    private TestPki(String name) {
        try {
            this.caKeys = newKeys();
            this.caName = new X500Name("CN=" + name + ",O=TokenDesk tests");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), caName, caKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            this.caCert = new JcaX509CertificateConverter().getCertificate(builder.build(signer(caKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestPki newCa(String name) {
        return new TestPki(name);
    }

    public X509Certificate caCertificate() {
        return caCert;
    }

    /** A server identity: its key, and the chain it presents (leaf first). */
    public record Identity(PrivateKey key, List<X509Certificate> chain) {
        public X509Certificate leaf() {
            return chain.get(0);
        }

        /** Key managers a JSSE or grpc-java server can present this identity with. */
        public KeyManager[] keyManagers() {
            try {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keyStore(), PASSWORD);
                return factory.getKeyManagers();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public KeyStore keyStore() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", key, PASSWORD, chain.toArray(new X509Certificate[0]));
                return store;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public static char[] password() {
            return PASSWORD.clone();
        }
    }

    /** X.509 v1, subject CN only, no extensions at all: what the stock puppet service presents. */
    public Identity v1Server(String commonName) {
        return v1Server(commonName, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
    }

    public Identity v1Server(String commonName, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = newKeys();
            JcaX509v1CertificateBuilder builder = new JcaX509v1CertificateBuilder(caName, serial(), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + commonName), keys.getPublic());
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(builder.build(signer(caKeys.getPrivate())));
            return new Identity(keys.getPrivate(), List.of(leaf, caCert));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** X.509 v3 with the given DNS subjectAltNames (and the CN as given). */
    public Identity v3Server(String commonName, String... dnsNames) {
        try {
            KeyPair keys = newKeys();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=" + commonName), keys.getPublic());
            GeneralName[] names = new GeneralName[dnsNames.length];
            for (int i = 0; i < dnsNames.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(builder.build(signer(caKeys.getPrivate())));
            return new Identity(keys.getPrivate(), List.of(leaf, caCert));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** X.509 v3 for a server at an IP address (and DNS names), as a self-hosted registry on a LAN has. */
    public Identity v3ServerAt(String ip, String... dnsNames) {
        try {
            KeyPair keys = newKeys();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=" + ip), keys.getPublic());
            GeneralName[] names = new GeneralName[dnsNames.length + 1];
            names[0] = new GeneralName(GeneralName.iPAddress, ip);
            for (int i = 0; i < dnsNames.length; i++) {
                names[i + 1] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(builder.build(signer(caKeys.getPrivate())));
            return new Identity(keys.getPrivate(), List.of(leaf, caCert));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }
}
