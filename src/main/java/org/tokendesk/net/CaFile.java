package org.tokendesk.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A PEM file of certificate authorities a user gave for a registry. Read with a size bound (a CA
 * bundle is a few KiB; a wrong pick such as a video must not be slurped whole); the failure says
 * which of missing, unreadable or not a certificate it was, so the user can be told exactly.
 */
public final class CaFile {
    /** Far above any CA bundle (the system's whole bundle is about 220 KiB). */
    public static final long MAX_BYTES = 1024 * 1024;

    public enum Problem { MISSING, UNREADABLE, TOO_LARGE, NOT_A_CERTIFICATE }

    public sealed interface Read {
        record Loaded(List<X509Certificate> certificates) implements Read {
            public Loaded {
                certificates = List.copyOf(certificates);
            }
        }

        record Failed(Problem problem, String detail) implements Read {
        }
    }

    private CaFile() {
    }

    /** Blocks on the file: call it off the JavaFX thread. */
    public static Read read(Path file) {
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                return new Read.Failed(Problem.MISSING, "");
            }
            if (!Files.isRegularFile(file)) {
                return new Read.Failed(Problem.UNREADABLE, "not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                return new Read.Failed(Problem.TOO_LARGE, Long.toString(Files.size(file)));
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Read.Failed(Problem.MISSING, "");
        } catch (AccessDeniedException e) {
            return new Read.Failed(Problem.UNREADABLE, "permission denied");
        } catch (IOException | SecurityException e) {
            return new Read.Failed(Problem.UNREADABLE, e.getClass().getSimpleName());
        }
        return parse(bytes);
    }

    /** PEM text (DER is refused: the SDKs' variables take PEM, and so does the user's CA file here). */
    static Read parse(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            return new Read.Failed(Problem.NOT_A_CERTIFICATE, "no PEM certificate block");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
                if (c instanceof X509Certificate x) {
                    certificates.add(x);
                }
            }
        } catch (CertificateException e) {
            return new Read.Failed(Problem.NOT_A_CERTIFICATE, "not a valid certificate");
        }
        if (certificates.isEmpty()) {
            return new Read.Failed(Problem.NOT_A_CERTIFICATE, "no certificate");
        }
        return new Read.Loaded(certificates);
    }
}
