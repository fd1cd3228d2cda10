package org.tokendesk.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import org.tokendesk.testing.Hostile;

/** Any string in: a token or a specific problem out, never an exception, never the secret in a message. */
class TokenPropertyTest {
    @Provide
    Arbitrary<String> anything() {
        return Hostile.strings();
    }

    @Provide
    Arbitrary<String> tokens() {
        return Hostile.tokens();
    }

    @Provide
    Arbitrary<String> quotes() {
        return Hostile.quotes();
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Hostile.tokenAssignments();
    }

    @Property(tries = 1000)
    void syntaxNamesAProblemOrTheTokenIsWhole(@ForAll("anything") String s) {
        Optional<TokenProblem> problem = TokenSyntax.check(s);
        if (problem.isEmpty()) {
            Token token = Token.of(s);
            assertEquals(s, token.reveal());
            if (s.length() >= 8) {
                assertNotEquals(s, token.masked());
                assertFalse(token.toString().contains(s));
            }
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Token.of(s));
            if (s.length() >= 12) {
                assertFalse(e.getMessage().contains(s), "the refusal repeats the input");
            }
            // The detail names a character or a length, never the candidate itself.
            assertTrue(problem.get().detail().length() <= 16, problem.get()::toString);
        }
    }

    @Property(tries = 500)
    void everyTokenShapedStringIsAccepted(@ForAll("tokens") String s) {
        assertEquals(Optional.empty(), TokenSyntax.check(s));
        assertEquals(s, Token.of(s).reveal());
    }

    @Property(tries = 1000)
    void pasteAlwaysAnswersEveryLineInOrder(@ForAll("anything") String paste) {
        List<PastedLine> lines = TokenPaste.parse(paste);
        assertFalse(lines.isEmpty());
        int physical = paste.split("\\R", -1).length;
        int previous = 0;
        for (PastedLine line : lines) {
            assertTrue(line.line() > previous && line.line() <= Math.max(1, physical), () -> "line " + line.line() + " of " + physical);
            previous = line.line();
            if (line instanceof PastedLine.Accepted a) {
                assertEquals(Optional.empty(), TokenSyntax.check(a.token().reveal()));
            } else if (line instanceof PastedLine.Rejected r) {
                assertTrue(r.problem().detail().length() <= 64, r.problem()::toString);
            }
        }
    }

    @Property(tries = 1000)
    void aTokenInAnyUsualWrappingComesOutExact(@ForAll("prefixes") String prefix, @ForAll("quotes") String quote,
                                               @ForAll("tokens") String token) {
        String close = closing(quote);
        List<PastedLine> lines = TokenPaste.parse(prefix + quote + token + close);
        assertEquals(1, lines.size());
        PastedLine line = lines.get(0);
        if (!(line instanceof PastedLine.Accepted a)) {
            // A token that itself ends in a quote character or holds " #" may be read differently; it must say why.
            PastedLine.Rejected r = (PastedLine.Rejected) line;
            assertTrue(wrappingIsAmbiguous(prefix, token), () -> prefix + quote + "<token>" + close + " rejected: " + r.problem());
            return;
        }
        if (!wrappingIsAmbiguous(prefix, token)) {
            assertEquals(token, a.token().reveal());
        }
    }

    @Property(tries = 200)
    void severalTokensOnePerLineComeBackInOrderWithDuplicatesMarked(@ForAll @Size(max = 30) List<@From("tokens") String> tokens) {
        List<String> lines = new ArrayList<>();
        for (String t : tokens) {
            if (!wrappingIsAmbiguous("", t)) {
                lines.add(t);
            }
        }
        List<PastedLine> parsed = TokenPaste.parse(String.join("\n", lines));
        Set<String> seen = new LinkedHashSet<>();
        int i = 0;
        for (PastedLine p : parsed) {
            if (lines.isEmpty()) {
                assertTrue(p instanceof PastedLine.Rejected);
                break;
            }
            String expected = lines.get(i++);
            if (seen.add(expected)) {
                assertEquals(expected, ((PastedLine.Accepted) p).token().reveal());
            } else {
                assertEquals(expected, ((PastedLine.Duplicate) p).token().reveal());
            }
        }
        assertEquals(Math.max(1, lines.size()), parsed.size());
    }

    private static String closing(String open) {
        return switch (open) {
            case "“" -> "”";
            case "‘" -> "’";
            case "「" -> "」";
            case "\"'" -> "'\"";
            default -> open;
        };
    }

    /**
     * Tokens a person could not paste unambiguously either: starting or ending in a quote, holding
     * a quote family character, "#" comments, a trailing ";", a leading "#" or "//" (comment lines),
     * or a fence, or a NAME=value / NAME: value / list-item shape of its own.
     */
    static boolean wrappingIsAmbiguous(String prefix, String token) {
        return token.matches(".*['`;#=:,\\-].*") || token.startsWith("//") || token.startsWith("~~~") || token.startsWith("$")
                || token.matches("(?i)(export|set|env)") || prefix.contains("=") && token.startsWith("=");
    }
}
