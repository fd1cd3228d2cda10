package org.tokendesk;

import org.tokendesk.cli.Cli;
import org.tokendesk.desktop.SingleInstance;
import org.tokendesk.log.Logs;
import org.tokendesk.store.AppHome;

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
            javafx.application.Application.launch(org.tokendesk.ui.TokenDeskApp.class);
            return;
        }
        // The CLI prints what matters itself; the engine's log lines would only repeat it on stderr.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        System.exit(Cli.run(args));
    }
}
