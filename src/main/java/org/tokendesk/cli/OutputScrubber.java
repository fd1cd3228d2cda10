package org.tokendesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.tokendesk.token.Token;
import org.tokendesk.token.TokenScrubber;

/**
 * Every line a command prints passes here, whatever printed it (our messages, picocli's, an
 * exception's words echoing a URL): the tokens on the command line, on standard input and in the
 * saved list are masked, and anything shaped like a token too. Tokens the user asked to see
 * ({@code --reveal}) stay whole on standard output only.
 */
final class OutputScrubber {
    private final Set<Token> known = new LinkedHashSet<>();
    private final Set<Token> revealed = new LinkedHashSet<>();
    private volatile TokenScrubber all = TokenScrubber.of(Set.of());
    private volatile TokenScrubber notRevealed = all;
    private volatile boolean revealing;

    /** Adds tokens the output must not show whole. */
    synchronized void learn(Collection<Token> tokens) {
        if (known.addAll(tokens)) {
            rebuild();
        }
    }

    /** {@code --reveal}: these may show whole on standard output, and nothing else token-shaped is guessed at there. */
    synchronized void reveal(Collection<Token> tokens) {
        revealing = true;
        revealed.addAll(tokens);
        rebuild();
    }

    private void rebuild() {
        all = TokenScrubber.of(Set.copyOf(known));
        Set<Token> rest = new LinkedHashSet<>(known);
        rest.removeAll(revealed);
        notRevealed = TokenScrubber.of(rest);
    }

    String forErr(String line) {
        return all.scrubAll(line);
    }

    String forOut(String line) {
        return revealing ? notRevealed.scrub(line) : all.scrubAll(line);
    }

    PrintWriter out(Writer to) {
        return new PrintWriter(new LineWriter(to, true), true);
    }

    PrintWriter err(Writer to) {
        return new PrintWriter(new LineWriter(to, false), true);
    }

    /** Holds text until a line is complete, so that a token printed in pieces is still seen whole. */
    private final class LineWriter extends Writer {
        private final Writer to;
        private final boolean isOut;
        private final StringBuilder line = new StringBuilder();

        LineWriter(Writer to, boolean isOut) {
            this.to = to;
            this.isOut = isOut;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                line.append(buf[i]);
                if (buf[i] == '\n') {
                    emit();
                }
            }
        }

        private void emit() throws IOException {
            if (line.length() > 0) {
                String text = line.toString();
                line.setLength(0);
                to.write(isOut ? forOut(text) : forErr(text));
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            emit();
            to.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            flush();
        }
    }
}
