package org.tokendesk.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.tokendesk.Version;
import org.tokendesk.i18n.Text;
import org.tokendesk.registration.Timing;
import org.tokendesk.store.AppHome;
import org.tokendesk.token.Token;

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
        OutputScrubber scrubber = new OutputScrubber();
        scrubber.learn(ArgumentMask.secrets(args).stream().map(Token::of).toList());
        scrubber.learn(ListedTokens.read(AppHome.resolve(context.env()).tokensFile()));
        PrintWriter scrubbedErr = scrubber.err(err);
        CommandLine cli = new CommandLine(new Cli(), new Factory(context));
        CheckCommand.register(cli, context, scrubber);
        RegistryCommand.register(cli, context);
        DoctorCommand.register(cli, context);
        HistoryCommand.register(cli, context);
        cli.setOut(scrubber.out(out));
        cli.setErr(scrubbedErr);
        // Bad input is exit code 2, as for every other error.
        cli.setExitCodeExceptionMapper(e -> ERROR);
        cli.setParameterExceptionHandler((e, a) -> {
            String message = e.getMessage();
            if (e instanceof CommandLine.MissingParameterException || e instanceof CommandLine.UnmatchedArgumentException) {
                // picocli reports the missing TOKEN before the unknown option that stood in its place.
                message = unknownOption(e.getCommandLine(), a).map(o -> Text.get("cli.unknownOption", "'" + o + "'")).orElse(message);
            }
            scrubbedErr.println(ArgumentMask.mask(message, a));
            e.getCommandLine().usage(scrubbedErr);
            return ERROR;
        });
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            scrubbedErr.flush();
        }
    }

    /** The first argument that looks like an option but is none of the command's (values of its options skipped). */
    static Optional<String> unknownOption(CommandLine command, String[] args) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        int start = 0;
        while (start < args.length && !args[start].equals(spec.name())) {
            start++;
        }
        for (int i = start + 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return Optional.empty();
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                continue;
            }
            int eq = arg.indexOf('=');
            CommandLine.Model.OptionSpec option = spec.findOption(eq > 0 ? arg.substring(0, eq) : arg);
            if (option == null) {
                return Optional.of(arg);
            }
            if (eq < 0 && option.arity().max() > 0) {
                i++;
            }
        }
        return Optional.empty();
    }

    /** Hands {@code keep-online} the context's environment, and the test's stop signal instead of the JVM's. */
    private record Factory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == KeepOnlineCommand.class) {
                boolean signal = context.stop() == null;
                return type.cast(new KeepOnlineCommand(Timing.DEFAULT, signal ? new CountDownLatch(1) : context.stop(), signal,
                        context.env()));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"TokenDesk " + Version.current()};
        }
    }
}
