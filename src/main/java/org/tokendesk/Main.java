package org.tokendesk;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.tokendesk.cli.Cli;
import org.tokendesk.ui.desktop.SingleInstance;
import org.tokendesk.log.Logs;
import org.tokendesk.store.AppHome;
import org.tokendesk.ui.app.TokenDeskApp;

/**
 * One entry point for the installed launcher: no arguments opens the window, anything else is the
 * headless CLI on the same core.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            // Before JavaFX starts, so that a second launch costs a JVM start, not a toolkit start.
            AppHome home = AppHome.resolve(System.getenv());
            SingleInstance.Claim claim = SingleInstance.claimForThisProcess(home.config());
            if (claim instanceof SingleInstance.Claim.AlreadyRunning) {
                return;
            }
            Logs.installInBackground(() -> home);
            TokenDeskApp.launchWindow();
            return;
        }
        // The CLI prints what matters itself; the engine's log lines would only repeat it on stderr.
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(Cli.run(args));
    }
}
