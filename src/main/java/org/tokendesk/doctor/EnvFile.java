package org.tokendesk.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bot's {@code .env} as dotenv reads it ({@code NAME=value}, optional {@code export}, {@code #}
 * comments, one pair of matching quotes stripped), keeping what was around each value so that stray
 * quotes and spaces can be pointed out. Values stay in memory only; nothing here is printed.
 */
record EnvFile(List<Entry> entries) {
    EnvFile {
        entries = List.copyOf(entries);
    }

    /** One assignment; {@code value} is what dotenv hands the program, {@code raw} what the line holds after the {@code =}. */
    record Entry(int line, String name, String raw, String value) {
    }

    static EnvFile parse(String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("export ")) {
                trimmed = trimmed.substring("export ".length()).strip();
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = trimmed.substring(0, eq).strip();
            // Not stripped: the spaces after "=" are one of the things to report.
            String raw = line.substring(line.indexOf('=') + 1);
            out.add(new Entry(i + 1, name, raw, dotenvValue(raw)));
        }
        return new EnvFile(out);
    }

    /** dotenv: unquoted values are trimmed and cut at " #"; one pair of matching quotes is removed, the inside kept as is. */
    static String dotenvValue(String raw) {
        String v = raw.strip();
        if (v.length() >= 2) {
            char q = v.charAt(0);
            if ((q == '"' || q == '\'' || q == '`') && v.indexOf(q, 1) > 0) {
                return v.substring(1, v.indexOf(q, 1));
            }
        }
        int comment = v.indexOf(" #");
        return (comment >= 0 ? v.substring(0, comment) : v).strip();
    }

    /** Last assignment wins, as in a shell. */
    Map<String, String> values() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            map.put(e.name(), e.value());
        }
        return map;
    }
}
