package org.tokendesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.probe.ProbeReport;

/** How {@code check} prints its rows: a line per token for people, or one JSON document for scripts. Tokens always masked. */
final class CheckOutput {
    private static final JsonFactory JSON = new JsonFactory();

    private CheckOutput() {
    }

    static String line(CheckCommand.Row row, int maskWidth, RevealOption reveal) {
        String shown = String.format(Locale.ROOT, "%-" + Math.max(1, maskWidth) + "s", reveal.show(row.token()));
        return Text.get("cli.check.line", shown, Words.state(row.lookup()), Long.toString(row.lookup().latency().toMillis()));
    }

    /** The probe's verdict and what it checked, indented under the token's line. */
    static List<String> probeLines(ProbeReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("    " + Words.of(report));
        Words.checks(report).forEach(check -> lines.add("      " + check));
        return lines;
    }

    /** Written with Jackson's streaming generator: the CLI then never pays for a cold ObjectMapper. */
    static void json(PrintWriter out, Registry registry, List<CheckCommand.Row> rows, RevealOption reveal) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("registry", registry.toString());
            g.writeArrayFieldStart("results");
            for (CheckCommand.Row row : rows) {
                write(g, row, reveal);
            }
            g.writeEndArray();
            g.writeNumberField("exitCode", CheckCommand.exitCode(rows));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        out.println(text);
        out.flush();
    }

    private static void write(JsonGenerator g, CheckCommand.Row row, RevealOption reveal) throws IOException {
        g.writeStartObject();
        g.writeStringField("token", reveal.show(row.token()));
        g.writeStringField("sni", row.token().sni().orElse(null));
        g.writeStringField("registry", row.registry().toString());
        Lookup lookup = row.lookup();
        if (lookup instanceof Lookup.Resolved r) {
            g.writeStringField("state", "resolved");
            g.writeStringField("host", r.host());
            g.writeNumberField("port", r.port());
            g.writeStringField("address", r.address());
        } else if (lookup instanceof Lookup.Unreachable u) {
            g.writeStringField("state", "unreachable");
            g.writeStringField("publicIp", u.publicIp());
            g.writeNumberField("port", u.port());
        } else if (lookup instanceof Lookup.NotRegistered n) {
            g.writeStringField("state", "not_registered");
            g.writeNumberField("status", n.status());
        } else {
            Lookup.Failed f = (Lookup.Failed) lookup;
            g.writeStringField("state", "error");
            g.writeStringField("failure", f.failure().name().toLowerCase(Locale.ROOT));
            g.writeStringField("detail", f.detail());
        }
        g.writeNumberField("latencyMs", lookup.latency().toMillis());
        g.writeStringField("message", Words.of(lookup));
        if (row.probe().isPresent()) {
            ProbeReport report = row.probe().get();
            g.writeObjectFieldStart("probe");
            g.writeStringField("outcome", report.outcome().getClass().getSimpleName());
            g.writeStringField("serverName", report.serverName().name());
            g.writeNumberField("tookMs", report.took().toMillis());
            g.writeStringField("message", Words.of(report));
            g.writeArrayFieldStart("checks");
            for (String check : Words.checks(report)) {
                g.writeString(check);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        if (row.chain().isPresent()) {
            ChainOutput.json(g, row.chain().get());
        }
        g.writeEndObject();
    }
}
