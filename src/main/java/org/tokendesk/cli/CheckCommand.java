package org.tokendesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.Http;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsLoad;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.token.Token;

/**
 * {@code tokendesk check [--registry URL] [--json] TOKEN…}: resolves tokens as the SDKs would and
 * prints one line per token. Exit 0 if all resolve, 1 if any is not registered (or registered but
 * unreachable) and none errored, 2 on errors or bad input.
 */
@Command(name = "check", sortOptions = false)
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--registry", paramLabel = "URL", descriptionKey = "cli.check.option.registry")
    String registry;

    @Option(names = "--json", descriptionKey = "cli.check.option.json")
    boolean json;

    @Option(names = "--concurrency", paramLabel = "N", descriptionKey = "cli.check.option.concurrency")
    Integer concurrency;

    @Parameters(paramLabel = "TOKEN", arity = "1..*", descriptionKey = "cli.check.option.tokens")
    List<String> tokens;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "cli.help")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext context;

    CheckCommand(CliContext context) {
        this.context = context;
    }

    /** Adds {@code check} to the top command, with its help texts from the app's bundles. */
    static void register(CommandLine parent, CliContext context) {
        CommandLine check = new CommandLine(new CheckCommand(context));
        check.setResourceBundle(Text.bundle());
        check.getCommandSpec().usageMessage().description(Text.get("cli.check.description"));
        parent.addSubcommand("check", check);
    }

    /** One token's outcome; options that add checks add fields here. */
    record Row(Token token, Registry registry, Lookup lookup) {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CheckInput.Read input = CheckInput.read(tokens, context.stdin());
        input.notes().forEach(err::println);
        if (!input.problems().isEmpty()) {
            input.problems().forEach(err::println);
            return Cli.ERROR;
        }
        if (input.tokens().isEmpty()) {
            err.println(Text.get("cli.check.noTokens"));
            return Cli.ERROR;
        }
        Settings settings;
        try {
            settings = settings(err);
        } catch (IOException e) {
            err.println(Text.get("cli.check.settingsUnreadable", e.getMessage()));
            return Cli.ERROR;
        }
        Registry target = settings.registryOrDefault();
        if (registry != null) {
            RegistryParse parsed = Registry.parse(registry);
            if (parsed instanceof RegistryParse.Invalid invalid) {
                err.println(Words.of(invalid));
                return Cli.ERROR;
            }
            target = ((RegistryParse.Valid) parsed).registry();
        }
        if (!json) {
            err.println(Text.get("cli.check.registry", target.displayName()));
        }
        int inFlight = concurrency != null ? concurrency : settings.concurrency();
        if (inFlight < 1 || inFlight > 256) {
            err.println(Text.get("cli.check.badConcurrency", Integer.toString(inFlight)));
            return Cli.ERROR;
        }
        List<Row> rows = check(target, input.tokens(), inFlight);
        if (json) {
            CheckOutput.json(spec.commandLine().getOut(), target, rows);
        }
        return exitCode(rows);
    }

    /** The saved settings when there is a settings file; otherwise the defaults, which follow the SDK's variable. */
    private Settings settings(PrintWriter err) throws IOException {
        Path file = AppHome.resolve(context.env()).settingsFile();
        if (!Files.exists(file)) {
            // Checked before SettingsStore loads: its ObjectMapper costs a cold run a few hundred ms.
            return Settings.defaults(context.env());
        }
        SettingsLoad load = new SettingsStore(file, context.env()).read();
        if (load instanceof SettingsLoad.SetAside aside) {
            err.println(Text.get("cli.check.settingsSetAside", aside.reason(), aside.movedTo()));
        } else if (!"system".equals(load.settings().language())) {
            Text.use(load.settings().language());
        }
        return load.settings();
    }

    private List<Row> check(Registry target, List<Token> list, int inFlight) {
        PrintWriter out = spec.commandLine().getOut();
        OkHttpClient http = Http.newClient(context.timeouts());
        DiscoveryClient discovery = new DiscoveryClient(http, inFlight);
        try {
            List<CompletableFuture<Lookup>> pending = new ArrayList<>(list.size());
            for (Token token : list) {
                pending.add(discovery.lookup(target, token));
            }
            int width = list.stream().mapToInt(t -> t.masked().length()).max().orElse(0);
            List<Row> rows = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Row row = new Row(list.get(i), target, pending.get(i).join());
                rows.add(row);
                if (!json) {
                    out.println(CheckOutput.line(row, width));
                    out.flush();
                }
            }
            return rows;
        } finally {
            discovery.close();
            Http.shutdown(http);
        }
    }

    static int exitCode(List<Row> rows) {
        boolean error = rows.stream().anyMatch(r -> r.lookup() instanceof Lookup.Failed);
        boolean missing = rows.stream().anyMatch(r -> !(r.lookup() instanceof Lookup.Resolved));
        return error ? Cli.ERROR : missing ? Cli.NOT_REGISTERED : Cli.OK;
    }
}
