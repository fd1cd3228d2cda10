package org.tokendesk.probe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.tokendesk.net.Hosts;

/**
 * Everything one probe found: the TCP connect time, the server name it expected, the CA it trusted, each attempt,
 * and the outcome that counts (the last attempt's, or the TCP failure when no attempt was made).
 */
public record ProbeReport(
        String host,
        int port,
        Optional<Duration> tcpConnect,
        ServerName serverName,
        ProbeConfig.TrustSource trust,
        List<Attempt> attempts,
        ProbeOutcome outcome,
        Duration took) {

    public ProbeReport {
        attempts = List.copyOf(attempts);
    }

    /** The attempt that decided the outcome, if any was made. */
    public Optional<Attempt> decisive() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    }

    /** The transport that got a health answer, if one did. */
    public Optional<Attempt.Transport> workedOver() {
        return decisive().filter(a -> a.outcome().answered()).map(Attempt::transport);
    }

    /** The answer to the authenticated call, when the probe made one (only after a health answer). */
    public Optional<TokenCheck> tokenCheck() {
        return decisive().flatMap(Attempt::tokenCheck);
    }

    /**
     * SERVICE_UNKNOWN from a service that accepted the token: the real wechaty-puppet-service answers
     * so until its puppet's first heartbeat, which comes only once a bot has connected and started it,
     * so for this token's bot the service is as good as serving.
     */
    public boolean startsABot() {
        return outcome instanceof ProbeOutcome.Unknown && tokenCheck().map(t -> t instanceof TokenCheck.Accepted).orElse(false);
    }

    public String address() {
        return Hosts.hostPort(host, port);
    }

    /** The TLS server name the probe sent and verified, and where it came from. */
    public record ServerName(String name, Source source) {
        public enum Source {
            /** The token's SNI: the part before its last {@code _}, lower-cased. */
            TOKEN,
            /** {@code WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME} or a setting. */
            OVERRIDE,
            /** A bare token has no SNI; modern SDKs refuse it and suggest {@code insecure_}, so that is what was checked. */
            ASSUMED_INSECURE
        }
    }
}
