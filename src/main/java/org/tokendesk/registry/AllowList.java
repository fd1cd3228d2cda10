package org.tokendesk.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.tokendesk.token.Token;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.token.TokenSyntax;

/**
 * Which tokens may register: everyone (no list), or the tokens named and the tokens whose SNI
 * starts with a prefix given as {@code puppet_padlocal*} (a line ending in {@code *}). Lines
 * starting with {@code #} are comments.
 */
public final class AllowList {
    public static final AllowList EVERYONE = new AllowList(Set.of(), List.of(), false);

    private final Set<String> tokens;
    private final List<String> sniPrefixes;
    private final boolean active;

    private AllowList(Set<String> tokens, List<String> sniPrefixes, boolean active) {
        this.tokens = Set.copyOf(tokens);
        this.sniPrefixes = List.copyOf(sniPrefixes);
        this.active = active;
    }

    /** What went wrong reading a list: the line number and what is wrong with it (the line itself is not repeated: it may be a token). */
    public record Problem(int line, TokenProblem problem) {
    }

    public sealed interface Read permits Read.Loaded, Read.Bad {
        record Loaded(AllowList list) implements Read {
        }

        record Bad(List<Problem> problems) implements Read {
        }
    }

    public static Read read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static Read parse(List<String> lines) {
        Set<String> tokens = new TreeSet<>();
        List<String> prefixes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("*")) {
                String prefix = line.substring(0, line.length() - 1);
                while (prefix.endsWith("_")) {
                    prefix = prefix.substring(0, prefix.length() - 1);
                }
                Optional<TokenProblem> bad = TokenSyntax.check(prefix);
                if (bad.isPresent()) {
                    problems.add(new Problem(i + 1, bad.get()));
                } else {
                    prefixes.add(prefix.toLowerCase(Locale.ROOT));
                }
                continue;
            }
            Optional<TokenProblem> bad = TokenSyntax.check(line);
            if (bad.isPresent()) {
                problems.add(new Problem(i + 1, bad.get()));
            } else {
                tokens.add(line);
            }
        }
        if (!problems.isEmpty()) {
            return new Read.Bad(problems);
        }
        return new Read.Loaded(new AllowList(tokens, prefixes, true));
    }

    public boolean active() {
        return active;
    }

    public boolean permits(Token token) {
        if (!active || tokens.contains(token.reveal())) {
            return true;
        }
        Optional<String> sni = token.sni();
        return sni.isPresent() && sniPrefixes.stream().anyMatch(sni.get()::startsWith);
    }

    /** How many entries, for a status line; never the entries themselves. */
    public int size() {
        return tokens.size() + sniPrefixes.size();
    }

    @Override
    public String toString() {
        return active ? "AllowList[" + tokens.size() + " tokens, " + sniPrefixes.size() + " prefixes]" : "AllowList[everyone]";
    }
}
