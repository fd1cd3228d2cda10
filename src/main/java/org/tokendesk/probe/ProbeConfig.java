package org.tokendesk.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokendesk.net.Http;

/**
 * How the probe connects: which CA it trusts, whether a server name replaces the token's SNI,
 * whether it skips TLS, and its time limits. {@link #fromEnvironment} reads the SDK's own
 * variables, so a probe can be made to do what the user's bot does.
 */
public record ProbeConfig(List<X509Certificate> trust, TrustSource trustSource, Optional<String> serverName,
        boolean plaintextOnly, Http.Timeouts timeouts) {

    /** Connect and each read within 5 s; a whole probe attempt within 10 s. */
    public static final Http.Timeouts TIMEOUTS = new Http.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));

    public static final String CA_CERT_VARIABLE = "WECHATY_PUPPET_SERVICE_TLS_CA_CERT";
    public static final String SERVER_NAME_VARIABLE = "WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME";
    public static final String NO_TLS_VARIABLE = "WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT";

    private static final String WECHATY_CA_RESOURCE = "wechaty-root-ca.pem";

    public enum TrustSource {
        /** The Wechaty root CA bundled with TokenDesk (the SDKs' default). */
        WECHATY_ROOT_CA,
        /** A CA from {@code WECHATY_PUPPET_SERVICE_TLS_CA_CERT}, or given by code (tests). */
        CUSTOM
    }

    public ProbeConfig {
        trust = List.copyOf(trust);
        if (trust.isEmpty()) {
            throw new IllegalArgumentException("the probe needs at least one trusted CA certificate");
        }
        serverName = serverName.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** What the SDK does with no variables set: TLS, Wechaty's root CA, the token's SNI. */
    public static ProbeConfig defaults() {
        return new ProbeConfig(wechatyRootCa(), TrustSource.WECHATY_ROOT_CA, Optional.empty(), false, TIMEOUTS);
    }

    /**
     * The defaults, changed the way the SDK's variables change it: {@value #SERVER_NAME_VARIABLE}
     * replaces the SNI, {@value #CA_CERT_VARIABLE} (PEM, {@code \n} escapes allowed as in the SDK)
     * replaces the CA, {@value #NO_TLS_VARIABLE}{@code =true} means plaintext only.
     *
     * @throws IllegalArgumentException when the CA variable holds no certificate
     */
    public static ProbeConfig fromEnvironment(Map<String, String> env) {
        ProbeConfig config = defaults();
        String ca = env.get(CA_CERT_VARIABLE);
        if (ca != null && !ca.isBlank()) {
            config = config.withTrust(parsePem(ca.replace("\\n", "\n"), CA_CERT_VARIABLE), TrustSource.CUSTOM);
        }
        String name = env.get(SERVER_NAME_VARIABLE);
        if (name != null && !name.isBlank()) {
            config = config.withServerName(name);
        }
        // The SDK compares with the exact string "true".
        boolean noTls = "true".equals(env.get(NO_TLS_VARIABLE));
        return new ProbeConfig(config.trust, config.trustSource, config.serverName, noTls, config.timeouts);
    }

    public ProbeConfig withTrust(List<X509Certificate> anchors, TrustSource source) {
        return new ProbeConfig(anchors, source, serverName, plaintextOnly, timeouts);
    }

    public ProbeConfig withServerName(String name) {
        return new ProbeConfig(trust, trustSource, Optional.ofNullable(name), plaintextOnly, timeouts);
    }

    public ProbeConfig withTimeouts(Http.Timeouts limits) {
        return new ProbeConfig(trust, trustSource, serverName, plaintextOnly, limits);
    }

    /** The bundled Wechaty root CA (see {@code wechaty-root-ca.md} beside it for where it comes from). */
    public static List<X509Certificate> wechatyRootCa() {
        try (InputStream in = ProbeConfig.class.getResourceAsStream(WECHATY_CA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + WECHATY_CA_RESOURCE + " is missing from the build");
            }
            return parsePem(new String(in.readAllBytes(), StandardCharsets.US_ASCII), WECHATY_CA_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every certificate in a PEM text. */
    public static List<X509Certificate> parsePem(String pem, String where) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(where + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(where + " holds no readable certificate");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(where + " is not a readable PEM certificate: " + e.getMessage(), e);
        }
    }
}
