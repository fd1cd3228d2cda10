package org.tokendesk.testing;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;

import org.tokendesk.registry.MemoryDirectory;
import org.tokendesk.registry.RegistryOptions;
import org.tokendesk.registry.RegistryServer;
import org.tokendesk.registry.tls.Pem;

/** A self-hosted registry behind the user's own CA: TokenDesk's registry with a certificate {@code pki} signed. */
public final class OwnCaRegistry {
    private OwnCaRegistry() {
    }

    /** On loopback, presenting a certificate for 127.0.0.1 and localhost; its files go in {@code dir}. */
    public static RegistryServer serve(Path dir, TestPki pki, String name) throws Exception {
        TestPki.Identity id = pki.v3ServerAt("127.0.0.1", "localhost");
        Path cert = Files.writeString(dir.resolve(name + "-cert.pem"), Pem.certificates(id.chain().toArray(new X509Certificate[0])));
        Path key = Files.writeString(dir.resolve(name + "-key.pem"), Pem.key(id.key()));
        RegistryOptions options = RegistryOptions.defaults(dir.resolve(name + "-tls")).listenOn(new InetSocketAddress("127.0.0.1", 0))
                .withCertificate(Optional.of(new RegistryOptions.CertificateFiles(cert, key)));
        return RegistryServer.start(options, new MemoryDirectory(), e -> { });
    }

    /** The CA's certificate as the PEM file a user would pick. */
    public static Path caFile(Path dir, TestPki pki) throws Exception {
        return Files.writeString(dir.resolve("my-ca.pem"), Pem.certificates(pki.caCertificate()));
    }
}
