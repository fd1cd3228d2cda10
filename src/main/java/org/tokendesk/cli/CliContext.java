package org.tokendesk.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.tokendesk.net.Http;

/**
 * What a command reads from the process besides its arguments; tests pass their own. {@code stop},
 * when set, stands in for the signal that ends {@code keep-online} (and no shutdown hook is installed).
 */
public record CliContext(InputStream stdin, Map<String, String> env, Http.Timeouts timeouts, CountDownLatch stop) {
    public CliContext(InputStream stdin, Map<String, String> env, Http.Timeouts timeouts) {
        this(stdin, env, timeouts, null);
    }

    public static CliContext system() {
        return new CliContext(System.in, System.getenv(), Http.Timeouts.DISCOVERY);
    }

    public CliContext withStop(CountDownLatch latch) {
        return new CliContext(stdin, env, timeouts, latch);
    }
}
