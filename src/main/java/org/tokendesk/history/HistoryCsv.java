package org.tokendesk.history;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A token's events as CSV (RFC 4180): one header line, then one line per event, times in UTC (ISO 8601). */
public final class HistoryCsv {
    public static final String HEADER = "time,registry,source,state,detail,latency_ms";

    private HistoryCsv() {
    }

    public static void write(Appendable out, List<Event> events) throws IOException {
        out.append(HEADER).append("\r\n");
        for (Event e : events) {
            out.append(DateTimeFormatter.ISO_INSTANT.format(e.at())).append(',')
                    .append(quote(e.registry())).append(',')
                    .append(e.source().name()).append(',')
                    .append(e.kind().name()).append(',')
                    .append(quote(e.detail())).append(',')
                    .append(e.latency().map(d -> Long.toString(d.toMillis())).orElse(""))
                    .append("\r\n");
        }
    }

    static String quote(String field) {
        // A leading = + - @ would make a spreadsheet run the cell as a formula.
        String safe = !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
