package org.tokendesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import okhttp3.OkHttpClient;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.Everywhere;
import org.tokendesk.i18n.EverywhereWords;
import org.tokendesk.everywhere.FixLines;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.everywhere.RegistryOutcome;
import org.tokendesk.everywhere.Sweep;
import org.tokendesk.everywhere.Verdict;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.Http;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.token.TokenSyntax;

/**
 * {@code tokendesk check --all-registries TOKEN…}: each token looked up at every registry, a table per
 * token and the verdict, exit codes as for {@code check}. Kept in its own file so the flag on
 * {@code CheckCommand} only has to call {@link #run(List, Map, PrintWriter, PrintWriter)}.
 */
public final class EverywhereReport {
    private EverywhereReport() {
    }

    /**
     * Reads the chosen registry and the user's registries from the settings, checks every token
     * everywhere and prints the report. Bad tokens are refused before anything goes on the network.
     */
    public static int run(List<String> rawTokens, Map<String, String> env, PrintWriter out, PrintWriter err) {
        Settings settings;
        try {
            settings = new SettingsStore(AppHome.resolve(env).settingsFile(), env).load();
        } catch (IOException e) {
            err.println(Text.get("everywhere.cli.settings", e.getMessage()));
            return Cli.ERROR;
        }
        Registry chosen = settings.registryOrDefault();
        RegistryList registries = RegistryList.fromSettings(settings);
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        DiscoveryClient discovery = new DiscoveryClient(http, DiscoveryClient.DEFAULT_IN_FLIGHT);
        try {
            return run(rawTokens, chosen, registries.toAsk(chosen), registries.unreadable(),
                    new Everywhere(discovery), DiscoveryClient.DEFAULT_IN_FLIGHT, out, err);
        } finally {
            discovery.close();
            Http.shutdown(http);
        }
    }

    /**
     * As above, with everything given: {@code ask} are the registries to ask besides {@code chosen},
     * {@code unreadable} the saved entries to warn about, {@code maxInFlight} the lookup pool's size.
     */
    public static int run(List<String> rawTokens, Registry chosen, List<Registry> ask, List<String> unreadable,
            Everywhere everywhere, int maxInFlight, PrintWriter out, PrintWriter err) {
        Optional<List<Token>> tokens = parse(rawTokens, err);
        if (tokens.isEmpty()) {
            return Cli.ERROR;
        }
        return sweep(tokens.get(), chosen, ask, unreadable, everywhere, maxInFlight, out, err);
    }

    /** Checks already-parsed tokens everywhere and prints the report; returns the worst exit code. */
    public static int sweep(List<Token> all, Registry chosen, List<Registry> ask, List<String> unreadable,
            Everywhere everywhere, int maxInFlight, PrintWriter out, PrintWriter err) {
        for (String entry : unreadable) {
            err.println(EverywhereWords.unreadable(entry));
        }
        err.flush();
        // The deadline counts time in the lookup queue: start only as many sweeps as the pool runs at once.
        int window = Math.max(1, maxInFlight / (ask.size() + 1));
        List<Sweep> sweeps = new ArrayList<>();
        for (int i = 0; i < all.size(); i += window) {
            List<CompletableFuture<Sweep>> batch = new ArrayList<>();
            for (Token token : all.subList(i, Math.min(all.size(), i + window))) {
                batch.add(everywhere.check(token, chosen, ask, outcome -> { }));
            }
            for (CompletableFuture<Sweep> f : batch) {
                sweeps.add(f.join());
            }
        }
        return print(sweeps, out);
    }

    /** Prints one table and verdict per sweep; returns the worst exit code. */
    public static int print(List<Sweep> sweeps, PrintWriter out) {
        int exit = Cli.OK;
        boolean first = true;
        for (Sweep sweep : sweeps) {
            if (!first) {
                out.println();
            }
            first = false;
            printOne(sweep, out);
            exit = Math.max(exit, exitCode(sweep.verdict()));
        }
        out.flush();
        return exit;
    }

    /**
     * As {@code check}: 0 when the SDK as configured gets a usable address, 1 when the token is not
     * registered where the SDK asks (registered elsewhere, nowhere, or registered but unreachable),
     * 2 when errors kept us from telling.
     */
    public static int exitCode(Verdict verdict) {
        if (verdict instanceof Verdict.FineAtChosen fine) {
            return fine.lookup() instanceof Lookup.Resolved ? Cli.OK : Cli.NOT_REGISTERED;
        }
        if (verdict instanceof Verdict.CannotTell) {
            return Cli.ERROR;
        }
        return Cli.NOT_REGISTERED;
    }

    private static void printOne(Sweep sweep, PrintWriter out) {
        out.println(Text.get("everywhere.cli.token", sweep.token().masked()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", Text.get("everywhere.column.registry"), Text.get("everywhere.column.outcome"),
            Text.get("everywhere.column.latency")});
        for (RegistryOutcome o : sweep.outcomes()) {
            boolean chosen = sweep.isChosen(o);
            rows.add(new String[] {chosen ? "*" : "", o.registry().displayName(), EverywhereWords.outcome(o.lookup()),
                EverywhereWords.latency(o.lookup())});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], width(row[c]));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c < row.length - 1) {
                    line.append(" ".repeat(widths[c] - width(row[c]) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.println(Text.get("everywhere.cli.legend", sweep.chosen().displayName()));
        Verdict verdict = sweep.verdict();
        out.println(Text.get("everywhere.cli.verdict", EverywhereWords.headline(verdict)));
        for (String line : EverywhereWords.explanation(verdict)) {
            out.println("  " + line);
        }
        for (FixLines fix : verdict.fixes()) {
            fix.snippet(windows() ? FixLines.Kind.CMD : FixLines.Kind.SHELL).ifPresent(s -> out.println("    " + s.text()));
        }
    }

    private static Optional<List<Token>> parse(List<String> rawTokens, PrintWriter err) {
        Set<Token> tokens = new LinkedHashSet<>();
        boolean bad = false;
        for (String raw : rawTokens) {
            String candidate = raw == null ? "" : raw.strip();
            Optional<TokenProblem> problem = TokenSyntax.check(candidate);
            if (problem.isPresent()) {
                err.println(Text.get("everywhere.cli.badToken", Token.mask(candidate), Words.of(problem.get())));
                bad = true;
            } else {
                tokens.add(Token.of(candidate));
            }
        }
        if (tokens.isEmpty() && !bad) {
            err.println(Text.get("everywhere.cli.noTokens"));
            return Optional.empty();
        }
        err.flush();
        return bad ? Optional.empty() : Optional.of(List.copyOf(tokens));
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Columns in a terminal: CJK and fullwidth characters take two cells. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
