package org.tokendesk.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tokendesk.Version;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenScrubber;
import org.tokendesk.everywhere.FixLines;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.everywhere.RegistryOutcome;
import org.tokendesk.everywhere.Sweep;
import org.tokendesk.everywhere.Verdict;

/**
 * The "copy diagnostics" report: registries, each registry's answer and latency, the verdict and the
 * fix, app version, OS and Java, as Markdown that reads well in a GitHub issue. Every token is masked
 * (and the finished text is scrubbed once more); service addresses are shortened unless asked not to.
 */
public final class Diagnostics {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Diagnostics() {
    }

    /** Where the report was made. */
    public record Environment(String appVersion, String os, String java) {
        public static Environment current() {
            return new Environment(Version.current(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                    System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        }
    }

    public static String markdown(List<Sweep> sweeps, RegistryList registries, Environment environment, boolean fullAddresses) {
        List<String> out = new ArrayList<>();
        out.add("## " + Text.get("everywhere.diagnostics.title"));
        out.add("");
        out.add("- " + Text.get("everywhere.diagnostics.app") + ": TokenDesk " + environment.appVersion());
        out.add("- " + Text.get("everywhere.diagnostics.os") + ": " + environment.os());
        out.add("- " + Text.get("everywhere.diagnostics.java") + ": " + environment.java());
        if (!sweeps.isEmpty()) {
            out.add("- " + Text.get("everywhere.diagnostics.chosen") + ": `" + sweeps.get(0).chosen().displayName() + "`");
        }
        out.add("- " + Text.get("everywhere.diagnostics.registries") + ": " + registryList(registries));
        for (Sweep sweep : sweeps) {
            out.add("");
            out.add("### " + Text.get("everywhere.diagnostics.token", "`" + sweep.token().masked() + "`"));
            out.add("");
            out.add("| " + Text.get("everywhere.column.registry") + " | " + Text.get("everywhere.column.outcome")
                    + " | " + Text.get("everywhere.column.latency") + " |");
            out.add("| --- | --- | ---: |");
            for (RegistryOutcome o : sweep.outcomes()) {
                String name = "`" + o.registry().displayName() + "`";
                if (sweep.isChosen(o)) {
                    name += " " + Text.get("everywhere.chosenMark");
                }
                String outcome = EverywhereWords.outcome(o.lookup(), fullAddresses ? a -> a : Diagnostics::shorten);
                out.add("| " + cell(name) + " | " + cell(outcome) + " | " + EverywhereWords.latency(o.lookup()) + " |");
            }
            out.add("");
            Verdict verdict = sweep.verdict();
            out.add("**" + Text.get("everywhere.diagnostics.verdict") + ":** " + EverywhereWords.headline(verdict));
            for (String line : EverywhereWords.explanation(verdict)) {
                out.add("");
                out.add(line);
            }
            for (FixLines fix : verdict.fixes()) {
                fix.snippet(FixLines.Kind.SHELL).ifPresent(shell -> {
                    out.add("");
                    out.add("```sh");
                    out.add(shell.text());
                    out.add("```");
                });
            }
            out.add("");
            out.add("_" + Text.get("everywhere.diagnostics.elapsed", sweep.elapsed().toMillis()) + "_");
        }
        out.add("");
        out.add("> " + Text.get(fullAddresses ? "everywhere.diagnostics.masked.full" : "everywhere.diagnostics.masked"));
        String text = String.join("\n", out) + "\n";
        if (!fullAddresses) {
            // Addresses also appear inside explanations and fix lines: shorten them there too.
            for (String host : addresses(sweeps)) {
                text = Pattern.compile("(?<![0-9A-Za-z.:-])" + Pattern.quote(host) + "(?![0-9A-Za-z-]|\\.[0-9A-Za-z])")
                        .matcher(text).replaceAll(Matcher.quoteReplacement(shorten(host)));
            }
        }
        List<Token> tokens = sweeps.stream().map(Sweep::token).toList();
        return TokenScrubber.of(tokens).scrubAll(text);
    }

    private static List<String> addresses(List<Sweep> sweeps) {
        List<String> hosts = new ArrayList<>();
        for (Sweep sweep : sweeps) {
            for (RegistryOutcome o : sweep.outcomes()) {
                if (o.lookup() instanceof Lookup.Resolved r) {
                    hosts.add(r.host());
                } else if (o.lookup() instanceof Lookup.Unreachable u && u.publicIp() != null) {
                    hosts.add(u.publicIp());
                }
            }
        }
        return hosts;
    }

    private static String registryList(RegistryList registries) {
        List<String> names = new ArrayList<>();
        for (Registry r : registries.all()) {
            names.add("`" + r.displayName() + "` (" + Text.get(registries.isBuiltIn(r)
                    ? "everywhere.diagnostics.builtIn" : "everywhere.diagnostics.added") + ")");
        }
        return String.join(", ", names);
    }

    /**
     * A public IPv4 address keeps its first two parts (enough to tell a provider's network from a home
     * line); loopback, private and unspecified addresses are kept whole because they are the diagnosis.
     * Names keep their last two labels.
     */
    static String shorten(String host) {
        if (IPV4.matcher(host).matches()) {
            String[] p = host.split("\\.");
            int a = Integer.parseInt(p[0]);
            int b = Integer.parseInt(p[1]);
            boolean special = a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && b >= 16 && b <= 31)
                    || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127);
            return special ? host : p[0] + "." + p[1] + ".x.x";
        }
        if (host.indexOf(':') >= 0) {
            String h = host.toLowerCase(Locale.ROOT);
            if (h.equals("::1") || h.startsWith("fe80:") || h.startsWith("fc") || h.startsWith("fd")) {
                return host;
            }
            String[] groups = h.split(":");
            return groups[0] + ":" + (groups.length > 1 ? groups[1] : "") + ":…";
        }
        String[] labels = host.split("\\.");
        if (labels.length <= 2 || host.equalsIgnoreCase("localhost")) {
            return host;
        }
        return "…" + labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** A Markdown table cell: a pipe or a line break would break the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
