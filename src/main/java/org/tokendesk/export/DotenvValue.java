package org.tokendesk.export;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one layer of quoting a shell ({@code source .env}), docker compose and the dotenv readers
 * take off {@code VAR='…'} or {@code VAR="…"}: exactly one, so a token that itself starts or ends
 * with {@code '} survives the trip. The lenient paste reader strips every nested pair instead.
 */
final class DotenvValue {
    private static final Pattern QUOTED = Pattern.compile(
            "^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*('[^']*'|\"(?:[^\"\\\\]|\\\\.)*\")\\s*(?:\\s#.*)?$");
    /** What a backslash escapes inside double quotes, as in a POSIX shell. */
    private static final String ESCAPED = "$`\"\\";

    private DotenvValue() {
    }

    record Quoted(String variable, String value) {
    }

    /** A line {@code VAR='…'} or {@code VAR="…"} with the quoting taken off once, or empty for any other line. */
    static Optional<Quoted> read(String line) {
        Matcher m = QUOTED.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String quoted = m.group(2);
        String inner = quoted.substring(1, quoted.length() - 1);
        if (quoted.charAt(0) == '\'') {
            return Optional.of(new Quoted(m.group(1), inner));
        }
        StringBuilder out = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && ESCAPED.indexOf(inner.charAt(i + 1)) >= 0) {
                c = inner.charAt(++i);
            }
            out.append(c);
        }
        return Optional.of(new Quoted(m.group(1), out.toString()));
    }

    /** Plain when every character is safe in a shell and a .env; single-quoted, or double-quoted and escaped when it holds '. */
    static String write(String value) {
        if (value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.')) {
            return value;
        }
        if (value.indexOf('\'') < 0) {
            return "'" + value + "'";
        }
        StringBuilder out = new StringBuilder(value.length() + 4).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (ESCAPED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
