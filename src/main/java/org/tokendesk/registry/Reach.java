package org.tokendesk.registry;

import java.time.Instant;

/** Whether the registry could open a TCP connection to the host:port it hands out for a registrant. */
public sealed interface Reach {
    record NotChecked() implements Reach {
    }

    record Reachable(String host, int port, Instant checked, long millis) implements Reach {
    }

    record Unreachable(String host, int port, Instant checked, String why) implements Reach {
    }
}
