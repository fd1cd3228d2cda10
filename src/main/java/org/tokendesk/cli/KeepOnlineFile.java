package org.tokendesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.store.SavedToken;
import org.tokendesk.token.PastedLine;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenPaste;
import org.tokendesk.token.TokenProblem;

/**
 * {@code keep-online --from FILE}: one {@code TOKEN=PORT} a line ({@code TOKEN} alone means 8788),
 * {@code #} comments and blank lines skipped. The token part is read as the window reads a paste,
 * so quotes, {@code export WECHATY_PUPPET_SERVICE_TOKEN=…} and the like work and fail the same way.
 */
final class KeepOnlineFile {
    /** As for {@code check -}: far beyond any list, and it stops {@code --from /dev/zero}. */
    static final int MAX_BYTES = CheckInput.MAX_STDIN_BYTES;

    /** Tokens with their ports in file order; notes to show (duplicates); problems that stop the command. */
    record Read(Map<Token, Integer> wanted, List<String> notes, List<String> problems) {
    }

    private KeepOnlineFile() {
    }

    /** @param name a path, or {@code -} for {@code stdin} */
    static Read read(String name, InputStream stdin) {
        boolean fromStdin = name.equals("-");
        byte[] bytes;
        try (InputStream in = fromStdin ? null : Files.newInputStream(Path.of(name))) {
            bytes = (fromStdin ? stdin : in).readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return failed(Text.get("cli.keepOnline.fileMissing", name));
        } catch (IOException | RuntimeException e) {
            return failed(fromStdin ? Text.get("cli.check.stdinUnreadable", e.getMessage())
                    : Text.get("cli.keepOnline.fileUnreadable", name, e.getMessage()));
        }
        if (bytes.length > MAX_BYTES) {
            return failed(fromStdin ? Text.get("cli.check.stdinTooLarge", MAX_BYTES / (1024 * 1024))
                    : Text.get("cli.keepOnline.fileTooLarge", name, MAX_BYTES / (1024 * 1024)));
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), fromStdin ? Text.get("cli.keepOnline.source.stdin") : name);
    }

    static Read parse(String text, String source) {
        Map<Token, Integer> wanted = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = Text.get("cli.keepOnline.source.line", source, i + 1);
            int cut = line.lastIndexOf('=');
            String portText = cut < 0 ? "" : line.substring(cut + 1).strip();
            boolean hasPort = cut >= 0 && portText.matches("[+-]?\\d+");
            String tokenText = hasPort ? line.substring(0, cut) : line;
            int port = hasPort ? parsePort(portText) : SavedToken.DEFAULT_PORT;
            List<PastedLine> read = TokenPaste.parse(tokenText);
            PastedLine first = read.get(0);
            if (read.size() != 1 || first instanceof PastedLine.Rejected) {
                TokenProblem problem = first instanceof PastedLine.Rejected r ? r.problem() : TokenProblem.of(TokenProblem.Kind.EMPTY);
                problems.add(Text.get("cli.check.problem", where, Words.of(problem)));
                continue;
            }
            Token token = first instanceof PastedLine.Accepted a ? a.token() : ((PastedLine.Duplicate) first).token();
            if (port < 1) {
                problems.add(Text.get("cli.check.problem", where, Text.get("cli.keepOnline.badPort", token.masked(), portText)));
            } else if (wanted.containsKey(token)) {
                notes.add(Text.get("cli.keepOnline.duplicate", where, token.masked(), wanted.get(token)));
            } else {
                wanted.put(token, port);
            }
        }
        if (wanted.isEmpty() && problems.isEmpty()) {
            problems.add(Text.get("cli.keepOnline.fileEmpty", source));
        }
        return new Read(wanted, notes, problems);
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

    private static Read failed(String problem) {
        return new Read(Map.of(), List.of(), List.of(problem));
    }
}
