package org.tokendesk.token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what users paste into tokens: a bare token, shell or .env lines such as
 * {@code export WECHATY_PUPPET_SERVICE_TOKEN="…"}, PowerShell {@code $env:…="…"}, docker-compose
 * list items, several per paste, one per line.
 */
public final class TokenPaste {
    /** The SDK's variable, its deprecated alias, and the wechaty docker image's. */
    public static final List<String> TOKEN_VARIABLES =
            List.of("WECHATY_PUPPET_SERVICE_TOKEN", "WECHATY_PUPPET_HOSTIE_TOKEN", "WECHATY_TOKEN");

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^(?:export\\s+|set\\s+|\\$env:|-\\s*|-e\\s+)?([A-Z_][A-Z0-9_]*)\\s*=(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern YAML_ENTRY = Pattern.compile("^(?:-\\s*)?([A-Z_][A-Z0-9_]*)\\s*:\\s+(.*)$");
    private static final String OPENING_QUOTES = "\"'`“‘「";
    private static final String CLOSING_QUOTES = "\"'`”’」";

    private TokenPaste() {
    }

    /** Every non-blank line of {@code text}; a paste with no such line is one {@code EMPTY} rejection. */
    public static List<PastedLine> parse(String text) {
        List<PastedLine> out = new ArrayList<>();
        Set<Token> seen = new HashSet<>();
        String[] lines = (text == null ? "" : text).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
                continue;
            }
            PastedLine parsed = parseLine(i + 1, line);
            if (parsed instanceof PastedLine.Accepted accepted && !seen.add(accepted.token())) {
                parsed = new PastedLine.Duplicate(accepted.line(), accepted.token());
            }
            out.add(parsed);
        }
        if (out.isEmpty()) {
            out.add(new PastedLine.Rejected(1, TokenProblem.of(TokenProblem.Kind.EMPTY)));
        }
        return List.copyOf(out);
    }

    private static PastedLine parseLine(int number, String line) {
        String value = line;
        Optional<String> variable = variableName(line);
        if (variable.isPresent()) {
            String name = variable.get();
            if (!TOKEN_VARIABLES.contains(name.toUpperCase(java.util.Locale.ROOT))) {
                return new PastedLine.Rejected(number, new TokenProblem(TokenProblem.Kind.OTHER_VARIABLE, name));
            }
            value = valueOf(line);
        }
        value = value.strip();
        if (value.endsWith(";") && !value.endsWith("\\;")) {
            value = value.substring(0, value.length() - 1).strip();
        }
        Unquoted unquoted = unquote(value);
        if (unquoted.problem() != null) {
            return new PastedLine.Rejected(number, unquoted.problem());
        }
        value = unquoted.value();
        if (!unquoted.wasQuoted()) {
            value = stripInlineComment(value);
        }
        String candidate = value;
        return TokenSyntax.check(candidate)
                .<PastedLine>map(problem -> new PastedLine.Rejected(number, problem))
                .orElseGet(() -> new PastedLine.Accepted(number, Token.of(candidate)));
    }

    private static Optional<String> variableName(String line) {
        Matcher m = ASSIGNMENT.matcher(line);
        if (m.matches() && looksLikeVariable(m.group(1))) {
            return Optional.of(m.group(1));
        }
        Matcher y = YAML_ENTRY.matcher(line);
        if (y.matches() && TOKEN_VARIABLES.contains(y.group(1))) {
            return Optional.of(y.group(1));
        }
        return Optional.empty();
    }

    private static String valueOf(String line) {
        Matcher m = ASSIGNMENT.matcher(line);
        if (m.matches()) {
            return m.group(2);
        }
        Matcher y = YAML_ENTRY.matcher(line);
        y.matches();
        return y.group(2);
    }

    /** Upper-case names only: a token that merely contains {@code =} must not be taken for a variable. */
    private static boolean looksLikeVariable(String name) {
        return name.equals(name.toUpperCase(java.util.Locale.ROOT)) && name.chars().anyMatch(Character::isLetter);
    }

    private static String stripInlineComment(String value) {
        int hash = value.indexOf(" #");
        return hash >= 0 ? value.substring(0, hash).strip() : value;
    }

    private record Unquoted(String value, boolean wasQuoted, TokenProblem problem) {
    }

    /** Removes matching pairs of quotes, also nested ones and the typographic quotes chat apps put in. */
    private static Unquoted unquote(String value) {
        boolean quoted = false;
        while (!value.isEmpty()) {
            int open = OPENING_QUOTES.indexOf(value.charAt(0));
            int close = CLOSING_QUOTES.indexOf(value.charAt(value.length() - 1));
            if (open < 0 && close < 0) {
                break;
            }
            if (open != close || value.length() < 2) {
                return new Unquoted(value, quoted, TokenProblem.of(TokenProblem.Kind.UNBALANCED_QUOTE));
            }
            value = value.substring(1, value.length() - 1).strip();
            quoted = true;
        }
        return new Unquoted(value, quoted, null);
    }
}
