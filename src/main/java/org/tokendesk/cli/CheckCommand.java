package org.tokendesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.tokendesk.chain.Chain;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.everywhere.Everywhere;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.i18n.RegistryCaWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.CaFile;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.net.Http;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.probe.ProbeOutcome;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.probe.TokenCheck;
import org.tokendesk.regca.RegistryCas;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsLoad;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.token.Token;

/**
 * {@code tokendesk check [--registry URL [--ca PEM]] [--json] [--probe] [--all-registries] [--reveal] TOKEN…}:
 * resolves tokens as the SDKs would and prints one line per token. Exit 0 if all resolve, 1 if any is
 * not registered (or registered but unreachable, or with {@code --probe} its token rejected) and none errored,
 * 2 on errors or bad input.
 */
@Command(name = "check", sortOptions = false)
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--registry", paramLabel = "URL", descriptionKey = "cli.check.option.registry")
    String registry;

    @Option(names = "--ca", paramLabel = "PEM", descriptionKey = "cli.check.option.ca")
    String ca;

    @Option(names = "--json", descriptionKey = "cli.check.option.json")
    boolean json;

    @Option(names = "--concurrency", paramLabel = "N", descriptionKey = "cli.check.option.concurrency")
    Integer concurrency;

    @Option(names = "--probe", descriptionKey = "cli.check.option.probe")
    boolean probe;

    @Option(names = "--all-registries", descriptionKey = "cli.check.option.allRegistries")
    boolean allRegistries;

    @CommandLine.Mixin
    RevealOption reveal;

    @Parameters(paramLabel = "TOKEN", arity = "1..*", descriptionKey = "cli.check.option.tokens")
    List<String> tokens;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "cli.help")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A run of {@code check} ends within this many call timeouts (two minutes by default), whatever the registry does. */
    static final int BATCH_CALLS = 6;

    private final CliContext context;
    private final OutputScrubber scrubber;

    CheckCommand(CliContext context, OutputScrubber scrubber) {
        this.context = context;
        this.scrubber = scrubber;
    }

    /** Adds {@code check} to the top command, with its help texts from the app's bundles. */
    static void register(CommandLine parent, CliContext context, OutputScrubber scrubber) {
        CommandLine check = new CommandLine(new CheckCommand(context, scrubber));
        check.setResourceBundle(Text.bundle());
        check.getCommandSpec().usageMessage().description(Text.get("cli.check.description"));
        parent.addSubcommand("check", check);
    }

    /** One token's outcome; {@code probe} is there with {@code --probe} when the token resolved, {@code chain} with {@code --probe}. */
    record Row(Token token, Registry registry, Lookup lookup, Optional<ProbeReport> probe, Optional<Chain> chain) {
        Row(Token token, Registry registry, Lookup lookup, Optional<ProbeReport> probe) {
            this(token, registry, lookup, probe, Optional.empty());
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CheckInput.Read input = CheckInput.read(tokens, context.stdin());
        scrubber.learn(input.tokens());
        if (reveal.revealing()) {
            scrubber.reveal(input.tokens());
        }
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
        ExtraTrust trust = new ExtraTrust();
        if (ca != null) {
            CaFile.Read read = RegistryCas.read(ca);
            if (read instanceof CaFile.Read.Failed failed) {
                err.println(RegistryCaWords.of(failed.problem(), ca));
                return Cli.ERROR;
            }
            trust.useRegistryGrants(List.of(RegistryCas.grantFor(target, (CaFile.Read.Loaded) read)));
        } else {
            trust.useRegistryGrants(savedCas(settings, err));
        }
        if (!json) {
            err.println(Text.get("cli.check.registry", target.displayName()));
        }
        int inFlight = concurrency != null ? concurrency : settings.concurrency();
        if (inFlight < 1 || inFlight > 256) {
            err.println(Text.get("cli.check.badConcurrency", Integer.toString(inFlight)));
            return Cli.ERROR;
        }
        if (allRegistries) {
            if (json || probe) {
                err.println(Text.get("cli.check.allRegistries.alone"));
                return Cli.ERROR;
            }
            return everywhere(target, settings, input.tokens(), inFlight, trust);
        }
        try (CheckHistory history = CheckHistory.open(context.env())) {
            List<Row> rows = check(target, input.tokens(), inFlight, trust);
            if (json) {
                CheckOutput.json(spec.commandLine().getOut(), target, rows, reveal);
            }
            history.record(rows);
            return exitCode(rows);
        }
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
        } else if (load instanceof SettingsLoad.Unusable unusable) {
            err.println(Text.get("cli.check.settingsUnusable", file, unusable.reason(), unusable.whyKept()));
        } else if (!"system".equals(load.settings().language())) {
            Text.use(load.settings().language());
        }
        return load.settings();
    }

    /**
     * The CA files saved in Settings, each for its own registry (so {@code --all-registries} asks each
     * one as the window does). One that cannot be used is named and left out: the lookup then says
     * untrusted, and the user knows why.
     */
    private static List<ExtraTrust.Grant> savedCas(Settings settings, PrintWriter err) {
        if (settings.registryCaFiles().isEmpty()) {
            return List.of();
        }
        RegistryCas.Built built = RegistryCas.build(settings.registryCaFiles());
        for (RegistryCas.Unusable u : built.unusable()) {
            err.println(Text.get("cli.check.caSavedUnusable", u.registry(), RegistryCaWords.of(u.problem(), u.file())));
        }
        return built.grants();
    }

    private List<Row> check(Registry target, List<Token> list, int inFlight, ExtraTrust trust) {
        PrintWriter out = spec.commandLine().getOut();
        // A plain-http registry without --probe needs TLS only if it redirects to https: its set-up
        // (a quarter of a second) waits for that.
        OkHttpClient http = !target.secure() && !probe ? Http.newPlainClient(context.timeouts()) : Http.newClient(context.timeouts());
        DiscoveryClient discovery = new DiscoveryClient(http, () -> Http.withTls(http), inFlight).trust(trust);
        ChainRun chains = probe ? new ChainRun(http, discovery, probeConfig(spec.commandLine().getErr())) : null;
        try {
            List<CompletableFuture<Lookup>> pending = new ArrayList<>(list.size());
            // A stalled registry must not hold a long list for (list / concurrency) call timeouts.
            long batchDeadline = System.nanoTime() + context.timeouts().call().multipliedBy(BATCH_CALLS).toNanos();
            for (Token token : list) {
                pending.add(discovery.lookup(target, token, batchDeadline).exceptionally(CheckCommand::notRun));
            }
            List<CompletableFuture<Optional<Chain>>> probes = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                probes.add(chains != null
                        ? chains.after(pending.get(i), target, list.get(i)).exceptionally(e -> Optional.empty())
                        : CompletableFuture.completedFuture(Optional.<Chain>empty()));
            }
            int width = list.stream().mapToInt(t -> reveal.show(t).length()).max().orElse(0);
            List<Row> rows = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Optional<Chain> chain = probes.get(i).join();
                Row row = new Row(list.get(i), target, pending.get(i).join(), chain.flatMap(Chain::probe), chain);
                rows.add(row);
                if (!json) {
                    out.println(CheckOutput.line(row, width, reveal));
                    row.chain().ifPresent(c -> ChainOutput.lines(c).forEach(out::println));
                    out.flush();
                }
            }
            return rows;
        } finally {
            if (chains != null) {
                chains.close();
            }
            discovery.close();
            Http.shutdown(http);
        }
    }

    /** A lookup that threw instead of answering is that token's failure; the other rows still print. */
    private static Lookup notRun(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new Lookup.Failed(Lookup.Failure.BROKEN, cause.getClass().getSimpleName(), Duration.ZERO);
    }

    /** {@code --all-registries}: a table per token and the verdict, from the registries in the settings. */
    private int everywhere(Registry target, Settings settings, List<Token> list, int inFlight, ExtraTrust trust) {
        RegistryList registries = RegistryList.fromSettings(settings);
        OkHttpClient http = Http.newClient(context.timeouts());
        DiscoveryClient discovery = new DiscoveryClient(http, inFlight).trust(trust);
        try {
            return EverywhereReport.sweep(list, target, registries.toAsk(target), registries.unreadable(),
                    new Everywhere(discovery), inFlight, spec.commandLine().getOut(), spec.commandLine().getErr());
        } finally {
            discovery.close();
            Http.shutdown(http);
        }
    }

    /** The SDK's TLS variables apply to the probe as they would to a bot started here. */
    private ProbeConfig probeConfig(PrintWriter err) {
        try {
            return ProbeConfig.fromEnvironment(context.env());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ProbeConfig.defaults();
        }
    }

    /**
     * 0 when every token resolves (and, with {@code --probe}, its service is serving, or cannot tell yet but
     * accepts the token); 1 when a token is not
     * registered or unreachable, or its service answers but is not serving, or (with {@code --probe}) the service
     * rejects the token (UNAUTHENTICATED: the bot would not start); 2 on errors, including a probe
     * that found no usable service (port closed, TLS name mismatch, not gRPC …).
     */
    static int exitCode(List<Row> rows) {
        boolean error = rows.stream().anyMatch(r -> r.lookup() instanceof Lookup.Failed
                || r.probe().map(p -> probeClass(p.outcome()) == Cli.ERROR).orElse(false));
        boolean missing = rows.stream().anyMatch(r -> !(r.lookup() instanceof Lookup.Resolved)
                || r.probe().map(p -> probeClass(p.outcome()) == Cli.NOT_REGISTERED && !p.startsABot()).orElse(false)
                || r.probe().flatMap(ProbeReport::tokenCheck).map(t -> t instanceof TokenCheck.Rejected).orElse(false));
        return error ? Cli.ERROR : missing ? Cli.NOT_REGISTERED : Cli.OK;
    }

    private static int probeClass(ProbeOutcome outcome) {
        if (outcome instanceof ProbeOutcome.Serving) {
            return Cli.OK;
        }
        return outcome instanceof ProbeOutcome.NotServing || outcome instanceof ProbeOutcome.Unknown ? Cli.NOT_REGISTERED : Cli.ERROR;
    }
}
