package org.tokendesk.ui.desktop;

import java.nio.file.Path;

/** A stand-in TokenDesk for tests: claims the folder given, says so, and waits to be killed. */
public final class HoldInstance {
    private HoldInstance() {
    }

    public static void main(String[] args) throws InterruptedException {
        SingleInstance.Claim claim = SingleInstance.claim(Path.of(args[0]));
        System.out.println(claim instanceof SingleInstance.Claim.First ? "FIRST" : "NOT FIRST " + claim);
        System.out.flush();
        Thread.sleep(60_000);
    }
}
