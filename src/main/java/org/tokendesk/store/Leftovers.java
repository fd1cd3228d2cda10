package org.tokendesk.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Temp files that saves interrupted by a crash or kill -9 left behind ({@code .tokens.json.<n>.tmp},
 * {@code .settings.json.<n>.tmp}): they may hold the whole list in clear. Removed when the app starts,
 * while it is the only instance and nothing else writes these files (the CLI never does).
 */
public final class Leftovers {
    private static final Logger LOG = Logger.getLogger(Leftovers.class.getName());
    /** What {@link AtomicFile#write} names its temp files: "." + target name + "." + random + ".tmp". */
    private static final Pattern TEMP = Pattern.compile("\\.(tokens|settings)\\.json\\.[^/\\\\]*\\.tmp");

    private Leftovers() {
    }

    /** Removes the temp files beside the token list and the settings; returns those removed. */
    public static List<Path> clean(AppHome home) {
        List<Path> removed = new ArrayList<>();
        Path dir = home.config();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> TEMP.matcher(p.getFileName().toString()).matches())) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
                        removed.add(file);
                    }
                } catch (IOException e) {
                    LOG.log(Level.WARNING, () -> "cannot remove the temp file of an interrupted save, " + file.getFileName() + ": "
                            + e.getClass().getSimpleName());
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, () -> "cannot list " + dir + " for temp files of interrupted saves: " + e.getClass().getSimpleName());
        }
        if (!removed.isEmpty()) {
            // File names and sizes only: the content is the token list.
            LOG.info(() -> "removed " + removed.size() + " temp file(s) of interrupted saves from " + dir + ": "
                    + String.join(", ", removed.stream().map(p -> p.getFileName().toString()).toList()));
        }
        return removed;
    }
}
