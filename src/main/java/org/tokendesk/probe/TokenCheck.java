package org.tokendesk.probe;

/**
 * Whether the puppet service accepts the token: the answer to one authenticated call
 * ({@code wechaty.Puppet/Version}) made after the health check. Messages come from the server and
 * are masked: a puppet service quotes the token it was sent in its rejection.
 */
public sealed interface TokenCheck {

    /** The call succeeded: the service takes this token. {@code serverVersion} is what it says it runs (may be empty). */
    record Accepted(String serverVersion) implements TokenCheck {
    }

    /** UNAUTHENTICATED (16): the service does not take this token; {@code reason} is the server's, masked. */
    record Rejected(String reason) implements TokenCheck {
    }

    /** Another gRPC status, e.g. PERMISSION_DENIED (7) or UNAVAILABLE (14) from a puppet that is not logged in. */
    record OtherStatus(int code, String message) implements TokenCheck {
    }

    /** UNIMPLEMENTED (12): the server has no {@code wechaty.Puppet} service, so it is no puppet service. */
    record NoSuchMethod(String message) implements TokenCheck {
    }

    /** The call broke before a gRPC status came back (timeout, reset, an answer that is not gRPC). */
    record Failed(String detail) implements TokenCheck {
    }

    int UNAUTHENTICATED = 16;
    int UNIMPLEMENTED = 12;
    int PERMISSION_DENIED = 7;
}
