package org.tokendesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.token.PastedLine;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenPaste;
import org.tokendesk.token.TokenProblem;

/**
 * The tokens of a command line: arguments and {@code -} for standard input, read as the window reads
 * a paste. Standard input is streamed line by line, and only the first few notes and problems of each
 * kind are kept (the rest are counted), so that memory stays bounded whatever comes in under the cap.
 */
final class CheckInput {
    /** Far beyond any list of tokens; stops {@code check - < /dev/zero} from eating the heap. */
    static final int MAX_STDIN_BYTES = 16 * 1024 * 1024;
    /** Notes and problems of one kind shown line by line; the rest are counted. */
    static final int MAX_SHOWN = 10;
    /** No line that holds a token is longer ({@code export WECHATY_PUPPET_SERVICE_TOKEN="…"} with a 256-character token). */
    static final int MAX_LINE_CHARS = 4096;
    /** Different tokens one run checks; more is a list to check in parts. */
    static final int MAX_TOKENS = 50_000;

    /** Tokens in order without duplicates; notes to show (duplicates, skipped variables); problems that stop the command. */
    record Read(List<Token> tokens, List<String> notes, List<String> problems) {
    }

    private final Set<Token> tokens = new LinkedHashSet<>();
    private final Kept duplicates = new Kept("cli.check.more.duplicates");
    private final Kept variables = new Kept("cli.check.more.variables");
    private final Kept problems = new Kept("cli.check.more.problems");
    private final List<String> fatal = new ArrayList<>();

    private CheckInput() {
    }

    static Read read(List<String> arguments, InputStream stdin) {
        CheckInput input = new CheckInput();
        boolean stdinRead = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.equals("-")) {
                input.addArgument(argument, i + 1);
            } else if (!stdinRead) {
                stdinRead = true;
                input.addStdin(stdin);
            }
        }
        if (!input.fatal.isEmpty()) {
            return new Read(List.of(), List.of(), List.copyOf(input.fatal));
        }
        List<String> notes = new ArrayList<>(input.duplicates.lines());
        notes.addAll(input.variables.lines());
        return new Read(List.copyOf(input.tokens), List.copyOf(notes), input.problems.lines());
    }

    /** Notes of one kind: the first few whole, then how many more. */
    private static final class Kept {
        private final String moreKey;
        private final List<String> shown = new ArrayList<>();
        private int total;

        Kept(String moreKey) {
            this.moreKey = moreKey;
        }

        void add(String line) {
            total++;
            if (shown.size() < MAX_SHOWN) {
                shown.add(line);
            }
        }

        List<String> lines() {
            List<String> out = new ArrayList<>(shown);
            if (total > shown.size()) {
                out.add(Text.get(moreKey, total - shown.size(), total));
            }
            return List.copyOf(out);
        }
    }

    /** Thrown from inside the byte count when standard input goes past the cap. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("over " + MAX_STDIN_BYTES + " bytes");
        }
    }

    private void addStdin(InputStream stdin) {
        try (Reader reader = new InputStreamReader(new CappedInput(stdin), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            int number = 1;
            int length = 0;
            boolean afterCr = false;
            char[] buf = new char[8192];
            for (int n = reader.read(buf); n >= 0; n = reader.read(buf)) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n' && afterCr) {
                        afterCr = false;
                        continue;
                    }
                    afterCr = c == '\r';
                    if (c == '\n' || c == '\r') {
                        addStdinLine(line, length, number++);
                        line.setLength(0);
                        length = 0;
                        if (!fatal.isEmpty()) {
                            return;
                        }
                        continue;
                    }
                    length++;
                    if (length <= MAX_LINE_CHARS) {
                        line.append(c);
                    }
                }
            }
            addStdinLine(line, length, number);
        } catch (TooLarge e) {
            fatal.add(Text.get("cli.check.stdinTooLarge", MAX_STDIN_BYTES / (1024 * 1024)));
        } catch (IOException e) {
            fatal.add(Text.get("cli.check.stdinUnreadable", e.getMessage()));
        }
    }

    private void addStdinLine(StringBuilder line, int length, int number) {
        // The label is made only for a line that gets a note: formatting it for every line was a fifth of a 10,000-token run.
        Supplier<String> source = () -> Text.get("cli.check.source.stdin", number);
        if (length > MAX_LINE_CHARS) {
            problems.add(Text.get("cli.check.problem", source.get(), Words.of(new TokenProblem(TokenProblem.Kind.TOO_LONG, Integer.toString(length)))));
            return;
        }
        Optional<PastedLine> parsed = TokenPaste.parseLine(line.toString(), number);
        parsed.ifPresent(p -> add(p, source));
    }

    private void addArgument(String text, int argument) {
        boolean severalLines = text.strip().lines().count() > 1;
        for (PastedLine line : TokenPaste.parse(text)) {
            Supplier<String> source = () -> severalLines ? Text.get("cli.check.source.argumentLine", argument, line.line())
                    : Text.get("cli.check.source.argument", argument);
            add(line, source);
        }
    }

    private void add(PastedLine line, Supplier<String> source) {
        if (line instanceof PastedLine.Accepted accepted) {
            if (tokens.contains(accepted.token())) {
                duplicates.add(Text.get("cli.check.duplicate", source.get(), accepted.token().masked()));
            } else if (tokens.size() >= MAX_TOKENS) {
                fatal.add(Text.get("cli.check.tooManyTokens", MAX_TOKENS));
            } else {
                tokens.add(accepted.token());
            }
        } else if (line instanceof PastedLine.Duplicate duplicate) {
            duplicates.add(Text.get("cli.check.duplicate", source.get(), duplicate.token().masked()));
        } else {
            TokenProblem problem = ((PastedLine.Rejected) line).problem();
            Kept to = problem.kind() == TokenProblem.Kind.OTHER_VARIABLE ? variables : problems;
            to.add(Text.get("cli.check.problem", source.get(), Words.of(problem)));
        }
    }

    /** Counts bytes as they are read and stops at the cap, so that nothing past it is ever held. */
    private static final class CappedInput extends InputStream {
        private final InputStream in;
        private long read;

        CappedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > MAX_STDIN_BYTES) {
                throw new TooLarge();
            }
        }
    }
}
