package org.tokendesk.ui.desktop;

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
        String ms = procAgeMillis().or(StartupTiming::handleAgeMillis).map(Object::toString).orElse("?");
        System.out.println("tokendesk-startup " + what + " ms=" + ms + " epoch-ms=" + System.currentTimeMillis()
                + " rss-kib=" + rssKib().orElse("?"));
        System.out.flush();
    }

    /**
     * Age from the kernel's clocks: /proc/uptime minus the start field of /proc/self/stat, in the
     * 1/100 s ticks Linux shows to user space. ProcessHandle's start instant is off by up to a
     * second there, as it adds the ticks to a boot time given in whole seconds.
     */
    private static Optional<Long> procAgeMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]);
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Optional.of(Math.round(uptime * 1000) - startTicks * 10);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> handleAgeMillis() {
        return ProcessHandle.current().info().startInstant().map(s -> Duration.between(s, Instant.now()).toMillis());
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
