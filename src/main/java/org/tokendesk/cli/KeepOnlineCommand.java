package org.tokendesk.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.history.History;
import org.tokendesk.history.HistoryOpen;
import org.tokendesk.history.KeptStates;
import org.tokendesk.history.Retention;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.Http;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.KeptToken;
import org.tokendesk.registration.LocalService;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.i18n.RegistrationWords;
import org.tokendesk.registration.Timing;
import org.tokendesk.registration.Verification;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.SavedToken;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.token.TokenSyntax;

/**
 * {@code tokendesk keep-online [--registry URL] TOKEN=PORT…}: keeps tokens registered without a
 * window, prints every state change with the token masked, records it in the window's history
 * (unless {@code TOKENDESK_HISTORY=off}), and closes its sockets on SIGINT or SIGTERM (through a
 * shutdown hook) before the JVM exits.
 */
@Command(name = "keep-online", mixinStandardHelpOptions = true,
        description = "Keep tokens registered at a registry (as a puppet service does) until interrupted.")
public final class KeepOnlineCommand implements Callable<Integer> {
    @Option(names = "--registry", paramLabel = "URL",
            description = "Registry base URL or host[:port] (default: $WECHATY_PUPPET_SERVICE_AUTHORITY, else api.chatie.io).")
    String registryText;

    @Parameters(arity = "0..*", paramLabel = "TOKEN=PORT",
            description = "Token and the gRPC port to advertise (TOKEN alone means port 8788).")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--from", paramLabel = "FILE",
            description = "Read TOKEN=PORT lines from FILE ('-' for standard input); '#' starts a comment line.")
    String from;

    /** Standard input for {@code --from -}; tests put their own. */
    InputStream stdin = System.in;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Timing timing;
    private final CountDownLatch stop;
    private final boolean hook;
    private final Map<String, String> env;

    public KeepOnlineCommand() {
        this(Timing.DEFAULT, new CountDownLatch(1), true, System.getenv());
    }

    /**
     * For tests: {@code stop} stands in for the signal, no JVM shutdown hook is installed, and nothing
     * goes into the history (the user's own file is no place for a test's tokens).
     */
    KeepOnlineCommand(Timing timing, CountDownLatch stop, boolean hook) {
        this(timing, stop, hook, historyOff(System.getenv()));
    }

    /** {@code env} says where the history is ({@code TOKENDESK_HOME}) and whether to keep one ({@code TOKENDESK_HISTORY}). */
    KeepOnlineCommand(Timing timing, CountDownLatch stop, boolean hook, Map<String, String> env) {
        this.timing = timing;
        this.stop = stop;
        this.hook = hook;
        this.env = env;
    }

    private static Map<String, String> historyOff(Map<String, String> env) {
        Map<String, String> off = new HashMap<>(env);
        off.put(CheckHistory.OFF_VARIABLE, "off");
        return off;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Registry registry = Registry.fromEnvironment(env);
        if (registryText != null) {
            RegistryParse parse = Registry.parse(registryText);
            if (parse instanceof RegistryParse.Invalid invalid) {
                err.println(Words.of(invalid));
                return Cli.ERROR;
            }
            registry = ((RegistryParse.Valid) parse).registry();
        }
        Map<Token, Integer> wanted = new LinkedHashMap<>();
        if (from != null) {
            KeepOnlineFile.Read read = KeepOnlineFile.read(from, stdin);
            read.notes().forEach(err::println);
            if (!read.problems().isEmpty()) {
                read.problems().forEach(err::println);
                return Cli.ERROR;
            }
            wanted.putAll(read.wanted());
        } else if (pairs.isEmpty()) {
            err.println(Text.get("cli.keepOnline.nothing"));
            return Cli.ERROR;
        }
        for (String pair : pairs) {
            Optional<String> problem = read(pair, wanted);
            if (problem.isPresent()) {
                err.println(problem.get());
                return Cli.ERROR;
            }
        }
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        DiscoveryClient discovery = new DiscoveryClient(http, 4);
        KeepOnline engine = new KeepOnline(discovery, timing);
        SignalStop signal = new SignalStop("keep-online-shutdown", stop, Duration.ofSeconds(5), hook);
        Printer printer = new Printer(out);
        engine.addListener(printer);
        Optional<History> history = openHistory(err);
        history.ifPresent(h -> engine.addListener(new KeptStates(h::record, Clock.systemUTC())));
        try {
            out.println(Text.get("cli.keepOnline.start", wanted.size(), registry.displayName()));
            for (Map.Entry<Token, Integer> e : wanted.entrySet()) {
                engine.keep(e.getKey(), registry, e.getValue());
            }
            while (!stop.await(200, TimeUnit.MILLISECONDS)) {
                if (allGaveUp(engine, wanted)) {
                    err.println(Text.get("cli.keepOnline.allStopped"));
                    return Cli.ERROR;
                }
            }
            return Cli.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.ERROR;
        } finally {
            engine.close();
            // After the engine: its last states (closed, off) are in the queue; close writes them and ends the run.
            history.ifPresent(History::close);
            discovery.close();
            Http.shutdown(http);
            out.println(Text.get("cli.keepOnline.closed"));
            out.flush();
            signal.closed();
        }
    }

    /**
     * The window's history file, so that the window's timeline shows what this command kept online.
     * Opened on the history's own thread; a file set aside is said on stderr, as {@code watch} does.
     */
    private Optional<History> openHistory(PrintWriter err) {
        if (!CheckHistory.enabled(env)) {
            return Optional.empty();
        }
        History history = new History(History.fileIn(AppHome.resolve(env)), Retention.DEFAULT, "keep-online", Clock.systemUTC());
        history.opened().thenAccept(open -> {
            if (open instanceof HistoryOpen.StartedAfresh a) {
                err.println(Text.get("history.setAside", a.reason(), a.movedTo()));
                err.flush();
            } else if (open instanceof HistoryOpen.Unavailable u) {
                err.println(Text.get("history.unavailable", u.detail()));
                err.flush();
            }
        });
        return Optional.of(history);
    }

    private static boolean allGaveUp(KeepOnline engine, Map<Token, Integer> wanted) {
        for (Token token : wanted.keySet()) {
            RegistrationState state = engine.state(token);
            if (!(state instanceof RegistrationState.Rejected) && !(state instanceof RegistrationState.Stopped)) {
                return false;
            }
        }
        return true;
    }

    /** Reads {@code TOKEN=PORT} (the last {@code =} splits: ports have none). */
    static Optional<String> read(String pair, Map<Token, Integer> into) {
        int cut = pair.lastIndexOf('=');
        String tokenText = cut < 0 ? pair : pair.substring(0, cut);
        String portText = cut < 0 ? Integer.toString(SavedToken.DEFAULT_PORT) : pair.substring(cut + 1);
        Optional<TokenProblem> problem = TokenSyntax.check(tokenText);
        if (problem.isPresent()) {
            return Optional.of(Text.get("cli.keepOnline.badToken", Token.mask(tokenText), Words.of(problem.get())));
        }
        int port;
        try {
            port = Integer.parseInt(portText.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            return Optional.of(Text.get("cli.keepOnline.badPort", Token.mask(tokenText), portText));
        }
        into.put(Token.of(tokenText), port);
        return Optional.empty();
    }

    /** Prints a line when what a person would read about a token changes. */
    private static final class Printer implements KeepOnline.Listener {
        private final PrintWriter out;
        private final Map<Token, Map<String, String>> last = new ConcurrentHashMap<>();

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void changed(KeptToken status) {
            RegistrationState state = status.state();
            // Count changes of a live connection are too chatty for a terminal; the rest is news.
            String kind = state instanceof RegistrationState.Online o ? "online " + o.since() + " " + o.reachableAs().orElse("") : state.toString();
            say(status.token(), "state", kind, RegistrationWords.of(status, Instant.now()));
            if (!(status.verification() instanceof Verification.NotChecked) && !(status.verification() instanceof Verification.Checking)) {
                String text = RegistrationWords.of(status.verification());
                say(status.token(), "verify", text, text);
            }
            if (!(status.localService() instanceof LocalService.NotChecked)) {
                String text = RegistrationWords.of(status.localService());
                say(status.token(), "local", text, text);
            }
        }

        private void say(Token token, String aspect, String key, String text) {
            String previous = last.computeIfAbsent(token, t -> new ConcurrentHashMap<>()).put(aspect, key);
            if (!key.equals(previous)) {
                synchronized (out) {
                    out.println(RegistrationWords.time(Instant.now()) + "  " + token.masked() + "  " + text);
                    out.flush();
                }
            }
        }
    }
}
