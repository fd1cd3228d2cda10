package org.tokendesk.net;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.UnknownHostException;
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
    /** None of the above. */
    OTHER;

    /** Checked in this order over the whole cause chain, so that a timeout inside a TLS failure is a timeout. */
    public static FailureKind of(Throwable failure) {
        if (failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException)) {
            // OkHttp's call timeout surfaces as a bare InterruptedIOException("timeout").
            return TIMEOUT;
        }
        if (has(failure, SocketTimeoutException.class) || has(failure, TimeoutException.class) || has(failure, HttpTimeoutException.class)) {
            return TIMEOUT;
        }
        if (has(failure, ConnectException.class)) {
            return REFUSED;
        }
        if (has(failure, NoRouteToHostException.class)) {
            return NO_ROUTE;
        }
        if (has(failure, UnknownHostException.class)) {
            return DNS;
        }
        if (has(failure, SSLException.class)) {
            return TLS;
        }
        return OTHER;
    }

    /** Whether {@code type} is the failure or one of its causes. */
    public static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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
