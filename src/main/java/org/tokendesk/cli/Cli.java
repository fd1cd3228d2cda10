package org.tokendesk.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.tokendesk.Version;

/** {@code tokendesk <command>}: the headless face of TokenDesk, on the same core as the window. */
@Command(name = "tokendesk", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = "Check and keep online Wechaty puppet-service tokens.",
        subcommands = {KeepOnlineCommand.class})
public final class Cli implements Runnable {
    /** Exit codes shared by every command. */
    public static final int OK = 0;
    public static final int NOT_REGISTERED = 1;
    public static final int ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, CliContext.system(), out, err);
    }

    public static int run(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Cli());
        CheckCommand.register(cli, context);
        HistoryCommand.register(cli, context);
        cli.setOut(out);
        cli.setErr(err);
        // Bad input is exit code 2, as for every other error.
        cli.setExitCodeExceptionMapper(e -> ERROR);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(ArgumentMask.mask(e.getMessage(), a));
            e.getCommandLine().usage(err);
            return ERROR;
        });
        return cli.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"TokenDesk " + Version.current()};
        }
    }
}
