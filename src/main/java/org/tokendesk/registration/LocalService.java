package org.tokendesk.registration;

/** Whether anything accepts TCP connections on localhost:port, where the puppet service should run. */
public sealed interface LocalService {

    record NotChecked() implements LocalService {
    }

    record Listening(int port) implements LocalService {
    }

    /** Bots will fail to connect even though the token resolves. {@code detail} is technical. */
    record NotListening(int port, String detail) implements LocalService {
    }
}
