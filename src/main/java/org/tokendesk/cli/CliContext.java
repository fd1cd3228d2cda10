package org.tokendesk.cli;

import java.io.InputStream;
import java.util.Map;

import org.tokendesk.net.Http;

/** What a command reads from the process besides its arguments; tests pass their own. */
public record CliContext(InputStream stdin, Map<String, String> env, Http.Timeouts timeouts) {
    public static CliContext system() {
        return new CliContext(System.in, System.getenv(), Http.Timeouts.DISCOVERY);
    }
}
