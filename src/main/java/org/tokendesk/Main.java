package org.tokendesk;

import org.tokendesk.cli.Cli;

/**
 * One entry point for the installed launcher: no arguments opens the window, anything else is the
 * headless CLI on the same core.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            javafx.application.Application.launch(org.tokendesk.ui.TokenDeskApp.class);
            return;
        }
        System.exit(Cli.run(args));
    }
}
