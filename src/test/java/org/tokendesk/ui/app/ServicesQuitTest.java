package org.tokendesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.net.Http;

/** Quitting closes everything on a thread of its own and within its deadline. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServicesQuitTest {
    @TempDir
    Path home;

    @Test
    void quittingFinishesWithinTheDeadlineAndShutsThePoolsDown() throws Exception {
        Map<String, String> env = Map.of("TOKENDESK_HOME", home.toString(), "TOKENDESK_KEYRING", "off");
        Services services = Services.open(env, Http.newClient(Http.Timeouts.DISCOVERY));
        long start = System.nanoTime();
        assertTrue(services.closeWithin(Services.QUIT_DEADLINE), "closed in time");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Services.QUIT_DEADLINE) < 0);
        assertTrue(services.blockingIo().isShutdown(), "the blocking-I/O pool is shut down with the rest");
        assertTrue(services.scheduleTimer().isShutdown(), "no scheduled check starts after quitting");
    }
}
