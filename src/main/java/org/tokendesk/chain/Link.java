package org.tokendesk.chain;

/** One link of the chain from a token to a bot that starts: which step, how it went, and the facts behind it. */
public record Link(Step step, State state, Finding finding) {

    /** In the order a bot goes through them. */
    public enum Step {
        /** The token's syntax, SNI and prefix. */
        TOKEN,
        /** What the registry answered for the token. */
        REGISTRY,
        /** The address handed out. */
        ADDRESS,
        /** A TCP connection to it. */
        TCP,
        /** TLS with Wechaty's CA and the token's SNI, or plaintext HTTP/2. */
        TRANSPORT,
        /** The gRPC health check. */
        HEALTH,
        /** One authenticated call: does the service take this token? */
        TOKEN_ACCEPTED,
        /** What each SDK must be told to get through the same chain. */
        SDK
    }

    public enum State {
        PASSED,
        /** Passed, with something the user should know or set. */
        WARNING,
        FAILED,
        /** An earlier link failed. */
        NOT_REACHED
    }

    public boolean failed() {
        return state == State.FAILED;
    }
}
