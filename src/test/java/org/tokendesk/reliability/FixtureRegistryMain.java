package org.tokendesk.reliability;

import java.time.Duration;

import org.tokendesk.testing.RegistryFixture;

/** The Jetty test registry as a process of its own, so that the soak can kill -9 it. Args: {@code PORT}. */
public final class FixtureRegistryMain {
    private FixtureRegistryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RegistryFixture.start(RegistryFixture.Options.defaults().withPortQueryTimeout(Duration.ofSeconds(2)), Integer.parseInt(args[0]));
        System.out.println("listening");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
