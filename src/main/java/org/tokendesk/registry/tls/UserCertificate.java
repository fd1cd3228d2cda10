package org.tokendesk.registry.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** A certificate chain and key the user gave as PEM files ({@code --cert}, {@code --key}). */
public final class UserCertificate {
    private UserCertificate() {
    }

    /** Reads both files and checks that the key belongs to the first certificate. */
    public static ServerIdentity load(Path certificate, Path key) throws IOException {
        List<X509Certificate> chain = Pem.readCertificates(certificate);
        PrivateKey privateKey = Pem.readKey(key);
        if (!matches(privateKey, chain.get(0))) {
            throw new IOException("the key in " + key.getFileName() + " does not belong to the certificate in " + certificate.getFileName());
        }
        return new ServerIdentity(privateKey, chain, Optional.empty());
    }

    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : null;
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "tokendesk".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
