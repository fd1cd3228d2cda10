package org.tokendesk.probe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One way the probe tried to reach the health service, what it checked and what came of it. A
 * probe makes one attempt, or two when TLS met a plaintext server and plaintext was tried next.
 */
public record Attempt(Transport transport, Set<Check> passed, Optional<Certificate> certificate, ProbeOutcome outcome, Duration took,
        Optional<TokenCheck> tokenCheck) {
    public Attempt {
        passed = Set.copyOf(passed);
    }

    /** An attempt that made no token call (a health check only). */
    public Attempt(Transport transport, Set<Check> passed, Optional<Certificate> certificate, ProbeOutcome outcome, Duration took) {
        this(transport, passed, certificate, outcome, took, Optional.empty());
    }

    public enum Transport {
        /** TLS with ALPN h2: what the SDKs do by default. */
        TLS,
        /** HTTP/2 without TLS (h2c, prior knowledge): the SDK with {@code WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true}. */
        PLAINTEXT
    }

    /** Checks that passed on this attempt, in the order they happen. */
    public enum Check {
        /** The certificate chain leads to the trusted CA. */
        CHAIN,
        /** The certificate is for the expected server name. */
        SERVER_NAME,
        /** HTTP/2 was negotiated (ALPN h2, or the h2c preface was accepted). */
        HTTP2,
        /** A well-formed gRPC health answer came back. */
        GRPC_ANSWER
    }

    /** What the server's certificate says, for the "what was checked" line. */
    public record Certificate(String subject, String issuer, List<String> names, NameSource nameSource) {
        public Certificate {
            names = List.copyOf(names);
        }
    }

    /** Where the names that were matched come from: DNS subjectAltNames, or the CN when there are none (v1 certificates). */
    public enum NameSource {
        SUBJECT_ALT_NAMES,
        COMMON_NAME
    }
}
