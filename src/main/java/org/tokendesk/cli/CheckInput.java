package org.tokendesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.token.PastedLine;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenPaste;
import org.tokendesk.token.TokenProblem;

/** The tokens of a command line: arguments and {@code -} for standard input, read as the window reads a paste. */
final class CheckInput {
    /** Far beyond any list of tokens; stops {@code check - < /dev/zero} from eating the heap. */
    static final int MAX_STDIN_BYTES = 16 * 1024 * 1024;

    /** Tokens in order without duplicates; notes to show (duplicates, skipped variables); problems that stop the command. */
    record Read(List<Token> tokens, List<String> notes, List<String> problems) {
    }

    private final Set<Token> tokens = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private CheckInput() {
    }

    static Read read(List<String> arguments, InputStream stdin) {
        CheckInput input = new CheckInput();
        boolean stdinRead = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.equals("-")) {
                input.add(argument, i + 1, false);
            } else if (!stdinRead) {
                stdinRead = true;
                input.addStdin(stdin);
            }
        }
        return new Read(List.copyOf(input.tokens), List.copyOf(input.notes), List.copyOf(input.problems));
    }

    private void addStdin(InputStream stdin) {
        byte[] bytes;
        try {
            bytes = stdin.readNBytes(MAX_STDIN_BYTES + 1);
        } catch (IOException e) {
            problems.add(Text.get("cli.check.stdinUnreadable", e.getMessage()));
            return;
        }
        if (bytes.length > MAX_STDIN_BYTES) {
            problems.add(Text.get("cli.check.stdinTooLarge", MAX_STDIN_BYTES / (1024 * 1024)));
            return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.isBlank()) {
            add(text, 0, true);
        }
    }

    private void add(String text, int argument, boolean fromStdin) {
        List<PastedLine> lines = TokenPaste.parse(text);
        boolean severalLines = text.strip().lines().count() > 1;
        for (PastedLine line : lines) {
            if (line instanceof PastedLine.Accepted accepted) {
                if (!tokens.add(accepted.token())) {
                    notes.add(Text.get("cli.check.duplicate", source(line, argument, fromStdin, severalLines), accepted.token().masked()));
                }
            } else if (line instanceof PastedLine.Duplicate duplicate) {
                notes.add(Text.get("cli.check.duplicate", source(line, argument, fromStdin, severalLines), duplicate.token().masked()));
            } else {
                TokenProblem problem = ((PastedLine.Rejected) line).problem();
                List<String> to = problem.kind() == TokenProblem.Kind.OTHER_VARIABLE ? notes : problems;
                to.add(Text.get("cli.check.problem", source(line, argument, fromStdin, severalLines), Words.of(problem)));
            }
        }
    }

    /** "stdin line 7"; made only for a line that gets a note: formatting it for every line was a fifth of a 10,000-token run. */
    private static String source(PastedLine line, int argument, boolean fromStdin, boolean severalLines) {
        return fromStdin ? Text.get("cli.check.source.stdin", line.line())
                : severalLines ? Text.get("cli.check.source.argumentLine", argument, line.line())
                : Text.get("cli.check.source.argument", argument);
    }
}
