package org.tokendesk.token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what users paste into tokens: a bare token, shell or .env lines such as
 * {@code export WECHATY_PUPPET_SERVICE_TOKEN="…"}, PowerShell {@code $env:…="…"}, docker-compose
 * and JSON entries, several per paste, one per line.
 */
public final class TokenPaste {
    /** The SDK's variable, its deprecated alias, and the wechaty docker image's. */
    public static final List<String> TOKEN_VARIABLES =
            List.of("WECHATY_PUPPET_SERVICE_TOKEN", "WECHATY_PUPPET_HOSTIE_TOKEN", "WECHATY_TOKEN");

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^(?:export\\s+|set\\s+|\\$env:|-\\s*|-e\\s+|--env\\s+|ENV\\s+)?([A-Z_][A-Z0-9_]*)\\s*=(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern YAML_ENTRY = Pattern.compile("^(?:-\\s*)?([A-Z_][A-Z0-9_]*)\\s*:\\s+(.*)$");
    private static final Pattern JSON_ENTRY = Pattern.compile("^([\"'])([A-Z_][A-Z0-9_]*)\\1\\s*:\\s*(.*?)\\s*,?$");
    private static final Pattern LIST_ITEM = Pattern.compile("^-\\s+(.*)$");
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s+#.*$");
    /** Quotes that may pair up: autocorrect and chat apps mix straight and typographic ones. */
    private static final List<String> QUOTE_FAMILIES = List.of("\"“”„‟〝〞〟＂«»", "'‘’‚‛‹›＇", "`", "「」『』");

    private TokenPaste() {
    }

    /** Every non-blank line of {@code text}; a paste with no such line is one {@code EMPTY} rejection. */
    public static List<PastedLine> parse(String text) {
        List<PastedLine> out = new ArrayList<>();
        Set<Token> seen = new HashSet<>();
        String[] lines = (text == null ? "" : text).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Optional<PastedLine> parsed = parseLine(lines[i], i + 1);
            if (parsed.isEmpty()) {
                continue;
            }
            PastedLine line = parsed.get();
            if (line instanceof PastedLine.Accepted accepted && !seen.add(accepted.token())) {
                line = new PastedLine.Duplicate(accepted.line(), accepted.token());
            }
            out.add(line);
        }
        if (out.isEmpty()) {
            out.add(new PastedLine.Rejected(1, TokenProblem.of(TokenProblem.Kind.EMPTY)));
        }
        return List.copyOf(out);
    }

    /**
     * One line of a paste read line by line (standard input): empty for blank lines, comments and
     * code fences. Repeats are the caller's to find.
     */
    public static Optional<PastedLine> parseLine(String rawLine, int number) {
        String line = trim(rawLine);
        if (line.isEmpty() || isMarkup(line)) {
            return Optional.empty();
        }
        return Optional.of(parseLine(number, line));
    }

    /** Comments and the code fences chat apps wrap pasted snippets in. */
    private static boolean isMarkup(String line) {
        return line.startsWith("#") || line.startsWith("//") || line.startsWith("```") || line.startsWith("~~~");
    }

    private static PastedLine parseLine(int number, String line) {
        String value = line;
        // Every assignment form has '=' or ':'; a bare token skips their regular expressions.
        Optional<Assignment> assignment = line.indexOf('=') < 0 && line.indexOf(':') < 0 ? Optional.empty() : assignment(line);
        if (assignment.isPresent()) {
            String name = assignment.get().name();
            if (!TOKEN_VARIABLES.contains(name.toUpperCase(Locale.ROOT))) {
                return new PastedLine.Rejected(number, new TokenProblem(TokenProblem.Kind.OTHER_VARIABLE, name));
            }
            value = assignment.get().value();
        }
        value = withoutComment(trim(value));
        if (value.endsWith(";") && !value.endsWith("\\;")) {
            value = trim(value.substring(0, value.length() - 1));
        }
        Unquoted unquoted = unquote(value);
        if (unquoted.problem() != null) {
            return new PastedLine.Rejected(number, unquoted.problem());
        }
        String candidate = unquoted.value();
        return TokenSyntax.check(candidate)
                .<PastedLine>map(problem -> new PastedLine.Rejected(number, problem))
                .orElseGet(() -> new PastedLine.Accepted(number, Token.of(candidate)));
    }

    private record Assignment(String name, String value) {
    }

    private static Optional<Assignment> assignment(String line) {
        Optional<Assignment> direct = directAssignment(line);
        if (direct.isPresent()) {
            return direct;
        }
        // docker-compose writes - "WECHATY_TOKEN=…": the whole assignment is quoted.
        Matcher item = LIST_ITEM.matcher(line);
        Unquoted whole = unquote(item.matches() ? trim(item.group(1)) : line);
        if (whole.problem() == null && whole.wasQuoted()) {
            return directAssignment(whole.value());
        }
        return Optional.empty();
    }

    private static Optional<Assignment> directAssignment(String line) {
        Matcher m = ASSIGNMENT.matcher(line);
        if (m.matches() && looksLikeVariable(m.group(1))) {
            return Optional.of(new Assignment(m.group(1), m.group(2)));
        }
        Matcher json = JSON_ENTRY.matcher(line);
        if (json.matches()) {
            return Optional.of(new Assignment(json.group(2), json.group(3)));
        }
        Matcher y = YAML_ENTRY.matcher(line);
        if (y.matches() && TOKEN_VARIABLES.contains(y.group(1))) {
            return Optional.of(new Assignment(y.group(1), y.group(2)));
        }
        return Optional.empty();
    }

    /** Upper-case names only: a token that merely contains {@code =} must not be taken for a variable. */
    private static boolean looksLikeVariable(String name) {
        return name.equals(name.toUpperCase(Locale.ROOT)) && name.chars().anyMatch(Character::isLetter);
    }

    /** A token holds neither whitespace nor {@code #}, so {@code " #…"} can only be a comment, unless it sits inside quotes. */
    private static String withoutComment(String value) {
        if (value.indexOf('#') < 0) {
            return value;
        }
        String cut = trim(INLINE_COMMENT.matcher(value).replaceFirst(""));
        return cut.equals(value) || unquote(cut).problem() != null ? value : cut;
    }

    /** Strips whitespace and the invisible characters (BOM, zero-width space) that copying drags along. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && invisible(s.charAt(start))) {
            start++;
        }
        while (end > start && invisible(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean invisible(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    private record Unquoted(String value, boolean wasQuoted, TokenProblem problem) {
    }

    /** Removes matching pairs of quotes, also nested ones and the typographic quotes chat apps put in. */
    private static Unquoted unquote(String value) {
        boolean quoted = false;
        while (!value.isEmpty()) {
            int open = family(value.charAt(0));
            int close = family(value.charAt(value.length() - 1));
            if (open < 0 && close < 0) {
                break;
            }
            if (open != close || value.length() < 2) {
                return new Unquoted(value, quoted, TokenProblem.of(TokenProblem.Kind.UNBALANCED_QUOTE));
            }
            value = trim(value.substring(1, value.length() - 1));
            quoted = true;
        }
        return new Unquoted(value, quoted, null);
    }

    private static int family(char c) {
        for (int i = 0; i < QUOTE_FAMILIES.size(); i++) {
            if (QUOTE_FAMILIES.get(i).indexOf(c) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
