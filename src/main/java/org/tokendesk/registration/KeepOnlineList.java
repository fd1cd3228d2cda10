package org.tokendesk.registration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokendesk.store.SavedToken;
import org.tokendesk.token.PastedLine;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenPaste;
import org.tokendesk.token.TokenProblem;

/**
 * A provider's list of tokens to keep online, as {@code keep-online --from FILE} and the window's
 * import read it: one {@code TOKEN=PORT} a line ({@code TOKEN} alone means 8788), {@code #} comments
 * and blank lines skipped. The token part is read as a paste is, so quotes and
 * {@code export WECHATY_PUPPET_SERVICE_TOKEN=…} work and fail the same way. No text here: callers
 * word the entries.
 */
public final class KeepOnlineList {
    /** As for {@code check -}: far beyond any list, and it stops {@code --from /dev/zero}. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    /** A line that is not kept; {@code line} counts from 1. None holds a whole token where it is worded. */
    public sealed interface Entry {
        int line();
    }

    /** Listed again: the first line's port is kept. */
    public record Repeated(int line, Token token, int keptPort) implements Entry {
    }

    /** The token part is not a token; the problem never holds the text. */
    public record BadToken(int line, TokenProblem problem) implements Entry {
    }

    /** A token whose port is not 1..65535. */
    public record BadPort(int line, Token token, String portText) implements Entry {
    }

    /**
     * Tokens with their ports in file order, repeats (notes), and lines that stop a command
     * (problems). {@code empty} when the text has no token line at all.
     */
    public record Parsed(Map<Token, Integer> wanted, List<Repeated> repeats, List<Entry> problems) {
        public Parsed {
            wanted = Collections.unmodifiableMap(new LinkedHashMap<>(wanted));
            repeats = List.copyOf(repeats);
            problems = List.copyOf(problems);
        }

        public boolean empty() {
            return wanted.isEmpty() && problems.isEmpty();
        }
    }

    private KeepOnlineList() {
    }

    public static Parsed parse(String text) {
        Map<Token, Integer> wanted = new LinkedHashMap<>();
        List<Repeated> repeats = new ArrayList<>();
        List<Entry> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int n = i + 1;
            // The last '=' splits off the port, so TOKEN=PORT and NAME=TOKEN=PORT both work; a
            // value after '=' that is not a number belongs to the token part (NAME=TOKEN).
            int cut = line.lastIndexOf('=');
            String portText = cut < 0 ? "" : line.substring(cut + 1).strip();
            boolean hasPort = cut >= 0 && portText.matches("[+-]?\\d+");
            String tokenText = hasPort ? line.substring(0, cut) : line;
            int port = hasPort ? parsePort(portText) : SavedToken.DEFAULT_PORT;
            List<PastedLine> read = TokenPaste.parse(tokenText);
            PastedLine first = read.get(0);
            if (read.size() != 1 || first instanceof PastedLine.Rejected) {
                problems.add(new BadToken(n, first instanceof PastedLine.Rejected r ? r.problem() : TokenProblem.of(TokenProblem.Kind.EMPTY)));
                continue;
            }
            Token token = first instanceof PastedLine.Accepted a ? a.token() : ((PastedLine.Duplicate) first).token();
            if (port < 1) {
                problems.add(new BadPort(n, token, portText));
            } else if (wanted.containsKey(token)) {
                repeats.add(new Repeated(n, token, wanted.get(token)));
            } else {
                wanted.put(token, port);
            }
        }
        return new Parsed(wanted, repeats, problems);
    }

    /** 1..65535, else 0. */
    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535 ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
