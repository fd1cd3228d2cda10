package org.tokendesk.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;

/** How {@code check} prints its rows: a line per token for people, or one JSON document for scripts. Tokens always masked. */
final class CheckOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckOutput() {
    }

    static String line(CheckCommand.Row row, int maskWidth) {
        String masked = String.format(Locale.ROOT, "%-" + Math.max(1, maskWidth) + "s", row.token().masked());
        return Text.get("cli.check.line", masked, Words.state(row.lookup()), Long.toString(row.lookup().latency().toMillis()));
    }

    static void json(PrintWriter out, Registry registry, List<CheckCommand.Row> rows) {
        ObjectNode root = JSON.createObjectNode();
        root.put("registry", registry.toString());
        ArrayNode results = root.putArray("results");
        for (CheckCommand.Row row : rows) {
            results.add(json(row));
        }
        root.put("exitCode", CheckCommand.exitCode(rows));
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
        out.flush();
    }

    private static ObjectNode json(CheckCommand.Row row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("token", row.token().masked());
        node.put("sni", row.token().sni().orElse(null));
        node.put("registry", row.registry().toString());
        Lookup lookup = row.lookup();
        if (lookup instanceof Lookup.Resolved r) {
            node.put("state", "resolved");
            node.put("host", r.host());
            node.put("port", r.port());
            node.put("address", r.address());
        } else if (lookup instanceof Lookup.Unreachable u) {
            node.put("state", "unreachable");
            node.put("publicIp", u.publicIp());
            node.put("port", u.port());
        } else if (lookup instanceof Lookup.NotRegistered n) {
            node.put("state", "not_registered");
            node.put("status", n.status());
        } else {
            Lookup.Failed f = (Lookup.Failed) lookup;
            node.put("state", "error");
            node.put("failure", f.failure().name().toLowerCase(Locale.ROOT));
            node.put("detail", f.detail());
        }
        node.put("latencyMs", lookup.latency().toMillis());
        node.put("message", Words.of(lookup));
        return node;
    }
}
