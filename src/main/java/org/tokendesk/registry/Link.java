package org.tokendesk.registry;

/** The socket under a registrant, as the registry uses it; Jetty's session in the server, a stand-in nowhere. */
interface Link {
    void send(String text);

    void ping();

    /** A close frame, then the socket ends. */
    void close(int code, String reason);

    /** Ends the socket without a close frame: for a peer that stopped answering. */
    void drop();
}
