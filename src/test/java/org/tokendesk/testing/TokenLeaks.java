package org.tokendesk.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.tokendesk.token.Token;

/**
 * The no-whole-token rule as a test assertion: scans text (log lines, CLI output, exception
 * messages with their causes and stack traces, files) for known tokens, whole or in a form that
 * gives them away just as well (percent-encoded, Base64, upper-cased), or cut short but with
 * {@value #RUN} characters of the secret part in a row (more than a mask ever shows), and fails
 * naming only the masked token and where it was found.
 */
public final class TokenLeaks {
    /** A mask shows 8 characters at the start and 4 at the end: a run of 12 from the secret part is more than any mask gives away. */
    static final int RUN = 12;

    private final List<Token> tokens;

    private TokenLeaks(Collection<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static TokenLeaks of(Token... tokens) {
        return new TokenLeaks(List.of(tokens));
    }

    public static TokenLeaks of(Collection<Token> tokens) {
        return new TokenLeaks(tokens);
    }

    /** Where each token shows whole in {@code text}; empty when none does. */
    public List<String> findIn(String where, String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        for (Token token : tokens) {
            if (contains(text, token)) {
                String form = forms(token).stream().filter(text::contains).findFirst().orElseThrow();
                found.add(where + ": " + token.masked() + (form.equals(token.reveal()) ? "" : " (encoded)"));
            } else if (runs(token).stream().anyMatch(text::contains)) {
                found.add(where + ": " + token.masked() + " (in part)");
            }
        }
        return found;
    }

    /** Fails when any known token shows whole in {@code text}. */
    public void assertNoneIn(String where, String text) {
        List<String> found = findIn(where, text);
        if (!found.isEmpty()) {
            fail("whole token leaked in " + String.join("; ", found));
        }
    }

    /** The message of the exception, of every cause and suppressed exception, and the stack trace text. */
    public void assertNoneIn(String where, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertNoneIn(where, trace.toString());
    }

    /** Every regular file under {@code root} (logs, saved files that must not hold secrets). */
    public void assertNoneUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertNoneIn(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** True when {@code text} holds the token whole in any form; for tests that expect a reveal (the store, {@code --reveal}). */
    public static boolean contains(String text, Token token) {
        return forms(token).stream().anyMatch(text::contains);
    }

    /** Every run of {@link #RUN} characters of the token's secret part: the part after its last {@code _}, else all of it. */
    private static Set<String> runs(Token token) {
        String whole = token.reveal();
        String secret = whole.substring(whole.lastIndexOf('_') + 1);
        Set<String> runs = new LinkedHashSet<>();
        for (int i = 0; i + RUN <= secret.length(); i++) {
            runs.add(secret.substring(i, i + RUN));
        }
        return runs;
    }

    private static Set<String> forms(Token token) {
        String whole = token.reveal();
        Set<String> forms = new LinkedHashSet<>();
        forms.add(whole);
        forms.add(URLEncoder.encode(whole, StandardCharsets.UTF_8));
        forms.add(whole.toUpperCase(java.util.Locale.ROOT));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(whole.getBytes(StandardCharsets.UTF_8)));
        // The secret half of a modern token is its UUID: that alone gives the token away.
        int cut = whole.lastIndexOf('_');
        if (cut > 0 && whole.length() - cut - 1 >= 16) {
            forms.add(whole.substring(cut + 1));
        }
        return forms;
    }
}
