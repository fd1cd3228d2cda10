package org.tokendesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.registration.KeepOnlineList;
import org.tokendesk.token.Token;

/** {@code keep-online --from FILE|-}: reads the file or stdin, bounded, and words {@link KeepOnlineList}'s entries. */
final class KeepOnlineFile {
    /** As for {@code check -}: far beyond any list, and it stops {@code --from /dev/zero}. */
    static final int MAX_BYTES = KeepOnlineList.MAX_BYTES;

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
        KeepOnlineList.Parsed parsed = KeepOnlineList.parse(text);
        List<String> notes = parsed.repeats().stream().map(r -> Words.of(r, source)).toList();
        List<String> problems = new ArrayList<>(parsed.problems().stream().map(p -> Words.of(p, source)).toList());
        if (parsed.empty()) {
            problems.add(Text.get("cli.keepOnline.fileEmpty", source));
        }
        return new Read(parsed.wanted(), notes, problems);
    }

    private static Read failed(String problem) {
        return new Read(Map.of(), List.of(), List.of(problem));
    }
}
