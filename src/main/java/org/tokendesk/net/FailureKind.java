package org.tokendesk.net;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * What went wrong on the network, read from an exception's type and its causes (never its words).
 * Lookups, registrations and probes map their own outcomes from it.
 */
public enum FailureKind {
    /** No answer in time: a socket or call timeout anywhere in the chain. */
    TIMEOUT,
    /** The connection was refused: nothing listens on the port. */
    REFUSED,
    /** No route to the host. */
    NO_ROUTE,
    /** The host name does not resolve. */
    DNS,
    /** The TLS handshake or the certificate failed. */
    TLS,
    /**
     * The peer reset or closed the connection before it answered: a {@link SocketException} that is
     * not a refusal (reset, broken pipe) or an {@link EOFException}. The JDK's HTTP client wraps
     * both in a bare {@code IOException}, so only the cause's type tells.
     */
    RESET,
    /** None of the above. */
    OTHER;

    private record Rule(FailureKind kind, List<Class<? extends Throwable>> types) {
    }

    /** Checked in this order over the whole cause chain, so that a timeout inside a TLS failure is a timeout. */
    private static final List<Rule> RULES = List.of(
            new Rule(TIMEOUT, List.of(SocketTimeoutException.class, TimeoutException.class, HttpTimeoutException.class)),
            new Rule(REFUSED, List.of(ConnectException.class)),
            new Rule(NO_ROUTE, List.of(NoRouteToHostException.class)),
            new Rule(DNS, List.of(UnknownHostException.class)),
            new Rule(TLS, List.of(SSLException.class)),
            // After REFUSED and NO_ROUTE, which are SocketExceptions too.
            new Rule(RESET, List.of(SocketException.class, EOFException.class)));

    public static FailureKind of(Throwable failure) {
        return classify(failure).kind();
    }

    /**
     * The exception in the chain that decided {@link #of}: its words are the most specific detail
     * ("Connection reset" under "header parser received no bytes"). The failure itself for {@link #OTHER}.
     */
    public static Throwable evidence(Throwable failure) {
        return classify(failure).evidence();
    }

    private record Classified(FailureKind kind, Throwable evidence) {
    }

    private static Classified classify(Throwable failure) {
        if (failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException)) {
            // OkHttp's call timeout surfaces as a bare InterruptedIOException("timeout").
            return new Classified(TIMEOUT, failure);
        }
        for (Rule rule : RULES) {
            for (Class<? extends Throwable> type : rule.types()) {
                Throwable found = find(failure, type);
                if (found != null) {
                    return new Classified(rule.kind(), found);
                }
            }
        }
        return new Classified(OTHER, failure);
    }

    /** Whether {@code type} is the failure or one of its causes. */
    public static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type) != null;
    }

    private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** The innermost cause. */
    public static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
