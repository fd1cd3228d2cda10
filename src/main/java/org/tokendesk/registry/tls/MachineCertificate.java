package org.tokendesk.registry.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import org.tokendesk.store.AtomicFile;

/**
 * The registry's own small CA and this machine's server certificate, kept in one folder (keys
 * owner-only). {@link #ensure} makes them on first use and renews the server certificate before it
 * expires or when the machine's names and addresses changed; the CA stays, so clients that trust
 * it keep trusting the registry.
 */
public final class MachineCertificate {
    public static final String CA_FILE = "ca.pem";
    static final String CA_KEY_FILE = "ca-key.pem";
    static final String SERVER_FILE = "server.pem";
    static final String SERVER_KEY_FILE = "server-key.pem";
    static final Duration CA_LIFETIME = Duration.ofDays(3650);
    static final Duration SERVER_LIFETIME = Duration.ofDays(90);
    /** Renewed this long before it ends, so a registry restarted now and then never serves an expired one. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path folder;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** What {@link #ensure} did. */
    public enum Made { NOTHING, SERVER_RENEWED, CA_AND_SERVER }

    public record Outcome(ServerIdentity identity, Made made) {
    }

    public MachineCertificate(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    public Path caFile() {
        return folder.resolve(CA_FILE);
    }

    /** The CA's PEM as clients must trust it; makes everything first when nothing is there yet. */
    public String caPem(MachineNames names) throws IOException {
        ensure(names);
        return Files.readString(caFile(), StandardCharsets.US_ASCII);
    }

    public synchronized Outcome ensure(MachineNames names) throws IOException {
        Instant now = clock.instant();
        Made made = Made.NOTHING;
        X509Certificate ca;
        PrivateKey caKey;
        Optional<X509Certificate> knownCa = readOne(caFile());
        Optional<PrivateKey> knownCaKey = readKey(folder.resolve(CA_KEY_FILE));
        if (knownCa.isPresent() && knownCaKey.isPresent() && lastsPast(knownCa.get(), now.plus(SERVER_LIFETIME).plus(RENEW_BEFORE))) {
            ca = knownCa.get();
            caKey = knownCaKey.get();
        } else {
            KeyPair pair = newKeyPair();
            ca = makeCa(pair, now);
            caKey = pair.getPrivate();
            AtomicFile.write(folder.resolve(CA_KEY_FILE), Pem.key(caKey).getBytes(StandardCharsets.US_ASCII));
            AtomicFile.write(caFile(), Pem.certificates(ca).getBytes(StandardCharsets.US_ASCII));
            made = Made.CA_AND_SERVER;
        }
        Optional<X509Certificate> server = readOne(folder.resolve(SERVER_FILE));
        Optional<PrivateKey> serverKey = readKey(folder.resolve(SERVER_KEY_FILE));
        if (made == Made.NOTHING && server.isPresent() && serverKey.isPresent()
                && lastsPast(server.get(), now.plus(RENEW_BEFORE)) && signedBy(server.get(), ca)
                && covers(server.get(), names)) {
            return new Outcome(new ServerIdentity(serverKey.get(), List.of(server.get(), ca), Optional.of(ca)), made);
        }
        KeyPair pair = newKeyPair();
        X509Certificate fresh = makeServer(pair, names, ca, caKey, now);
        AtomicFile.write(folder.resolve(SERVER_KEY_FILE), Pem.key(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        AtomicFile.write(folder.resolve(SERVER_FILE), Pem.certificates(fresh, ca).getBytes(StandardCharsets.US_ASCII));
        if (made == Made.NOTHING) {
            made = Made.SERVER_RENEWED;
        }
        return new Outcome(new ServerIdentity(pair.getPrivate(), List.of(fresh, ca), Optional.of(ca)), made);
    }

    /** The DNS names and IP addresses a certificate's subjectAltName lists. */
    public static MachineNames namesIn(X509Certificate certificate) {
        Set<String> dns = new TreeSet<>();
        Set<String> ips = new TreeSet<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> entry : certificate.getSubjectAlternativeNames()) {
                    int type = (Integer) entry.get(0);
                    if (type == GeneralName.dNSName) {
                        dns.add((String) entry.get(1));
                    } else if (type == GeneralName.iPAddress) {
                        ips.add(MachineNames.canonical((String) entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // Unreadable names cover nothing: the certificate is renewed.
        }
        return new MachineNames(dns, ips);
    }

    private static boolean covers(X509Certificate certificate, MachineNames names) {
        return namesIn(certificate).equals(names);
    }

    private static boolean lastsPast(X509Certificate certificate, Instant when) {
        return certificate.getNotAfter().toInstant().isAfter(when);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private X509Certificate makeCa(KeyPair pair, Instant now) throws IOException {
        X500Name name = new X500Name("CN=TokenDesk registry CA " + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + ",O=TokenDesk");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_LIFETIME)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            return sign(builder, pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the registry CA: " + e.getMessage(), e);
        }
    }

    private X509Certificate makeServer(KeyPair pair, MachineNames names, X509Certificate ca, PrivateKey caKey, Instant now) throws IOException {
        List<GeneralName> alt = new ArrayList<>();
        names.dnsNames().forEach(n -> alt.add(new GeneralName(GeneralName.dNSName, n)));
        names.ipAddresses().forEach(ip -> alt.add(new GeneralName(GeneralName.iPAddress, ip)));
        String first = names.dnsNames().isEmpty() ? "localhost" : names.dnsNames().iterator().next();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_LIFETIME)),
                    new X500Name("CN=" + first + ",O=TokenDesk registry"), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(new GeneralName[0])))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            return sign(builder, caKey);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the registry's server certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static KeyPair newKeyPair() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("no EC P-256 key generator in this JDK", e);
        }
    }

    private static Optional<X509Certificate> readOne(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pem.readCertificates(file).get(0));
        } catch (IOException e) {
            // An unreadable certificate is made again; the old file is overwritten atomically.
            return Optional.empty();
        }
    }

    private static Optional<PrivateKey> readKey(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pem.readKey(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }


}
