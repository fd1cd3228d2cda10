package org.tokendesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.tokendesk.history.Band;
import org.tokendesk.history.Event;
import org.tokendesk.history.History;
import org.tokendesk.history.HistoryCsv;
import org.tokendesk.history.HistoryOpen;
import org.tokendesk.i18n.HistoryWords;
import org.tokendesk.history.Retention;
import org.tokendesk.history.Since;
import org.tokendesk.history.Timeline;
import org.tokendesk.i18n.Text;
import org.tokendesk.store.AppHome;
import org.tokendesk.token.Token;

/** {@code tokendesk history [--since 7d] [--json | --csv] TOKEN…}: what the history file holds about tokens. */
@Command(name = "history", sortOptions = false)
public final class HistoryCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--since", paramLabel = "SPAN", defaultValue = "7d", descriptionKey = "cli.history.option.since")
    String since;

    @Option(names = "--json", descriptionKey = "cli.history.option.json")
    boolean json;

    @Option(names = "--csv", descriptionKey = "cli.history.option.csv")
    boolean csv;

    @Parameters(paramLabel = "TOKEN", arity = "1..*", descriptionKey = "cli.history.option.tokens")
    List<String> tokens;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "cli.help")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext context;

    HistoryCommand(CliContext context) {
        this.context = context;
    }

    static void register(CommandLine parent, CliContext context) {
        for (CommandLine command : List.of(new CommandLine(new HistoryCommand(context)), new CommandLine(new WatchCommand(context)))) {
            command.setResourceBundle(Text.bundle());
            String name = command.getCommandName();
            command.getCommandSpec().usageMessage().description(Text.get("cli." + name + ".description"));
            parent.addSubcommand(name, command);
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Duration> span = Since.parse(since);
        if (span.isEmpty()) {
            err.println(Text.get("cli.history.badSince", since));
            return Cli.ERROR;
        }
        CheckInput.Read input = CheckInput.read(tokens, context.stdin());
        input.notes().forEach(err::println);
        if (!input.problems().isEmpty()) {
            input.problems().forEach(err::println);
            return Cli.ERROR;
        }
        if (csv && input.tokens().size() != 1) {
            err.println(Text.get("cli.history.csvOneToken"));
            return Cli.ERROR;
        }
        Instant from = Instant.now().minus(span.get());
        Map<Token, History.TokenHistory> found = new LinkedHashMap<>();
        try (History history = new History(History.fileIn(AppHome.resolve(context.env())), Retention.DEFAULT, null, Clock.systemUTC())) {
            HistoryOpen open = history.opened().join();
            if (open instanceof HistoryOpen.Unavailable u) {
                err.println(Text.get("cli.history.unavailable", u.detail()));
                return Cli.ERROR;
            }
            if (open instanceof HistoryOpen.StartedAfresh a) {
                err.println(Text.get("history.setAside", a.reason(), a.movedTo()));
            }
            for (Token token : input.tokens()) {
                history.query(token, from).join().ifPresent(h -> found.put(token, h));
            }
        }
        if (csv) {
            HistoryCsv.write(out, found.values().stream().flatMap(h -> h.events().stream()).filter(e -> !e.at().isBefore(from)).toList());
        } else if (json) {
            json(out, found);
        } else {
            found.forEach((token, h) -> lines(out, token, h, span.get()));
        }
        out.flush();
        return Cli.OK;
    }

    private static void lines(PrintWriter out, Token token, History.TokenHistory h, Duration span) {
        Timeline t = Timeline.of(h.events(), h.runs(), h.from(), h.to());
        out.println(Text.get("cli.history.header", token.masked(), HistoryWords.duration(span), HistoryWords.summary(t)));
        for (Event e : h.events()) {
            if (e.at().isBefore(h.from())) {
                continue;
            }
            String latency = e.latency().map(d -> Text.get("cli.history.latency", d.toMillis())).orElse("");
            out.println(Text.get("cli.history.event", WHEN.format(e.at()), e.source().name().toLowerCase(Locale.ROOT),
                    HistoryWords.event(e), latency));
        }
    }

    private static void json(PrintWriter out, Map<Token, History.TokenHistory> found) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        found.forEach((token, h) -> {
            Timeline t = Timeline.of(h.events(), h.runs(), h.from(), h.to());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("token", token.masked());
            doc.put("from", h.from().toString());
            doc.put("to", h.to().toString());
            doc.put("uptimePercent", t.uptime().isPresent() ? t.uptime().getAsDouble() : null);
            doc.put("outages", t.outages());
            doc.put("longestOutageSeconds", t.longestOutage().toSeconds());
            doc.put("notRunningSeconds", HistoryWords.notRunning(t).toSeconds());
            List<Map<String, Object>> bands = new ArrayList<>();
            for (Band b : t.bands()) {
                Map<String, Object> band = new LinkedHashMap<>();
                band.put("from", b.from().toString());
                band.put("to", b.to().toString());
                band.put("state", b instanceof Band.Observed o ? o.kind().name() : b instanceof Band.NotRunning ? "NOT_RUNNING" : "UNKNOWN");
                bands.add(band);
            }
            doc.put("bands", bands);
            List<Map<String, Object>> events = new ArrayList<>();
            for (Event e : h.events()) {
                if (e.at().isBefore(h.from())) {
                    continue;
                }
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("time", e.at().toString());
                event.put("registry", e.registry());
                event.put("source", e.source().name());
                event.put("state", e.kind().name());
                event.put("detail", e.detail());
                event.put("latencyMs", e.latency().map(Duration::toMillis).orElse(null));
                events.add(event);
            }
            doc.put("events", events);
            docs.add(doc);
        });
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("tokens", docs)));
    }
}
