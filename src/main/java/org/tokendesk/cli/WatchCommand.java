package org.tokendesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.history.History;
import org.tokendesk.history.HistoryOpen;
import org.tokendesk.i18n.HistoryWords;
import org.tokendesk.history.Observed;
import org.tokendesk.history.Retention;
import org.tokendesk.history.Since;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.Http;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.secrets.OsKeyring;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.store.TokenStore;
import org.tokendesk.token.Token;

/**
 * {@code tokendesk watch [--every 5m] [--rounds N] TOKEN…|--all}: checks (and probes) tokens on a schedule
 * and records each result in the history, for a server without a window. Ctrl+C (SIGINT/SIGTERM) stops it
 * between or during a round; what was found so far is written before the JVM exits.
 */
@Command(name = "watch", sortOptions = false)
public final class WatchCommand implements Callable<Integer> {
    static final Duration MINIMUM_EVERY = Duration.ofSeconds(10);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--every", paramLabel = "SPAN", defaultValue = "5m", descriptionKey = "cli.watch.option.every")
    String every;

    @Option(names = "--registry", paramLabel = "URL", descriptionKey = "cli.check.option.registry")
    String registry;

    @Option(names = "--all", descriptionKey = "cli.watch.option.all")
    boolean all;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "0", descriptionKey = "cli.watch.option.rounds")
    int rounds;

    @Option(names = "--no-probe", descriptionKey = "cli.watch.option.noProbe")
    boolean noProbe;

    @Parameters(paramLabel = "TOKEN", arity = "0..*", descriptionKey = "cli.history.option.tokens")
    List<String> tokens = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "cli.help")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext context;
    /** Counted down by the shutdown hook (or a test) to stop. */
    final CountDownLatch stop = new CountDownLatch(1);
    Duration minimumEvery = MINIMUM_EVERY;
    boolean hook = true;

    WatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Duration> interval = Since.parse(every).filter(d -> d.compareTo(minimumEvery) >= 0);
        if (interval.isEmpty()) {
            err.println(Text.get("cli.watch.badEvery", every));
            return Cli.ERROR;
        }
        if (all == !tokens.isEmpty()) {
            err.println(Text.get("cli.watch.tokensOrAll"));
            return Cli.ERROR;
        }
        AppHome home = AppHome.resolve(context.env());
        List<Token> watched;
        if (all) {
            try {
                watched = new TokenStore(home.tokensFile(), OsKeyring.detect(context.env())).load().tokens().stream()
                        .map(SavedToken::token).toList();
            } catch (IOException e) {
                err.println(Text.get("cli.watch.listUnreadable", e.getMessage()));
                return Cli.ERROR;
            }
        } else {
            CheckInput.Read input = CheckInput.read(tokens, context.stdin());
            input.notes().forEach(err::println);
            if (!input.problems().isEmpty()) {
                input.problems().forEach(err::println);
                return Cli.ERROR;
            }
            watched = input.tokens();
        }
        Optional<Registry> target = target(home, err);
        if (target.isEmpty()) {
            return Cli.ERROR;
        }
        return watch(out, err, home, target.get(), watched, interval.get());
    }

    private Optional<Registry> target(AppHome home, PrintWriter err) throws IOException {
        if (registry != null) {
            RegistryParse parsed = Registry.parse(registry);
            if (parsed instanceof RegistryParse.Invalid invalid) {
                err.println(Words.of(invalid));
                return Optional.empty();
            }
            return Optional.of(((RegistryParse.Valid) parsed).registry());
        }
        Settings settings = Files.exists(home.settingsFile())
                ? new SettingsStore(home.settingsFile(), context.env()).read().settings()
                : Settings.defaults(context.env());
        return Optional.of(settings.registryOrDefault());
    }

    private int watch(PrintWriter out, PrintWriter err, AppHome home, Registry target, List<Token> watched, Duration interval) {
        History history = new History(History.fileIn(home), Retention.DEFAULT, "watch", Clock.systemUTC());
        OkHttpClient http = Http.newClient(context.timeouts());
        DiscoveryClient discovery = new DiscoveryClient(http, 16);
        Probe prober = noProbe ? null : new Probe(http, ProbeConfig.defaults(), Probe.DEFAULT_IN_FLIGHT);
        AtomicLong recorded = new AtomicLong();
        SignalStop signal = new SignalStop("watch-shutdown", stop, Duration.ofSeconds(10), hook);
        try {
            if (history.opened().join() instanceof HistoryOpen.StartedAfresh a) {
                err.println(Text.get("history.setAside", a.reason(), a.movedTo()));
            } else if (history.opened().join() instanceof HistoryOpen.Unavailable u) {
                err.println(Text.get("history.unavailable", u.detail()));
            }
            out.println(Text.get("cli.watch.start", watched.size(), target.displayName(), HistoryWords.duration(interval)));
            out.flush();
            for (int round = 1; rounds == 0 || round <= rounds; round++) {
                round(out, history, discovery, prober, target, watched, recorded);
                if ((rounds != 0 && round == rounds) || stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            return Cli.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.ERROR;
        } finally {
            if (prober != null) {
                prober.close();
            }
            discovery.close();
            Http.shutdown(http);
            history.close();
            out.println(Text.get("cli.watch.stopped", recorded.get()));
            out.flush();
            signal.closed();
        }
    }

    private void round(PrintWriter out, History history, DiscoveryClient discovery, Probe prober, Registry target,
                       List<Token> watched, AtomicLong recorded) throws InterruptedException {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Token token : watched) {
            pending.add(discovery.lookup(target, token).thenCompose(lookup -> {
                Observed looked = Observed.lookup(token, target, lookup, Instant.now());
                history.record(looked);
                recorded.incrementAndGet();
                CompletableFuture<Optional<ProbeReport>> probed = prober != null && lookup instanceof Lookup.Resolved r
                        ? prober.probe(token, r).thenApply(Optional::of) : CompletableFuture.completedFuture(Optional.empty());
                return probed.thenAccept(report -> {
                    String also = "";
                    if (report.isPresent()) {
                        Observed p = Observed.probe(token, target, report.get(), Instant.now());
                        history.record(p);
                        recorded.incrementAndGet();
                        also = ", " + HistoryWords.event(p.event());
                    }
                    synchronized (out) {
                        out.println(Text.get("cli.watch.line", WHEN.format(looked.event().at()), token.masked(),
                                HistoryWords.event(looked.event()), also));
                        out.flush();
                    }
                });
            }));
        }
        CompletableFuture<Void> done = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        while (!done.isDone()) {
            if (stop.await(100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }
}
