package org.tokendesk.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javafx.scene.Scene;

/**
 * Start-up figures for bench/startup.sh: when {@code TOKENDESK_STARTUP_TIMING} is set, prints on
 * stdout how long after the process started a scene had its first pulse, with the RSS then.
 * Costs nothing when unset.
 */
public final class StartupTiming {
    public static final String VARIABLE = "TOKENDESK_STARTUP_TIMING";
    private static final boolean ASKED = System.getenv(VARIABLE) != null;

    private StartupTiming() {
    }

    /** Reports {@code what} (e.g. "first-frame", "ready") on the scene's next pulse, once. */
    public static void onNextPulse(Scene scene, String what) {
        if (!ASKED) {
            return;
        }
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                report(what);
            }
        });
    }

    private static void report(String what) {
        Optional<Instant> start = ProcessHandle.current().info().startInstant();
        String ms = start.map(s -> Long.toString(Duration.between(s, Instant.now()).toMillis())).orElse("?");
        System.out.println("tokendesk-startup " + what + " ms=" + ms + " rss-kib=" + rssKib().orElse("?"));
        System.out.flush();
    }

    private static Optional<String> rssKib() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.replaceAll("[^0-9]", ""))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
