package org.tokendesk.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl+C or SIGTERM for a command that runs until stopped: the signal counts {@code stop} down, and
 * the JVM waits (at most {@code closeWithin}) until the command says it has closed its sockets.
 */
final class SignalStop {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private final boolean installed;

    /** {@code install} false (tests): {@code stop} stands in for the signal and no hook is added. */
    SignalStop(String name, CountDownLatch stop, Duration closeWithin, boolean install) {
        this.hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(closeWithin.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        this.installed = install;
        if (install) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** The command has closed: a signal no longer waits, and a normal exit leaves no hook behind. */
    void closed() {
        finished.countDown();
        if (installed) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook is what brought us here.
            }
        }
    }
}
