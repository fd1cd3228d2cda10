package org.tokendesk.store;

import java.nio.file.Path;
import java.util.Map;

import dev.dirs.ProjectDirectories;

/**
 * Where TokenDesk keeps its files: the per-user folders of the OS, or {@code TOKENDESK_HOME} when
 * set (portable installs, tests).
 */
public record AppHome(Path config, Path logs) {
    public static final String HOME_VARIABLE = "TOKENDESK_HOME";

    private static volatile AppHome ofThisProcess;

    /**
     * Note: on Windows the OS lookup starts a PowerShell; call this off the JavaFX thread. The answer
     * for the process's own environment is kept, since the launcher and the window both ask.
     */
    public static AppHome resolve(Map<String, String> env) {
        if (env == System.getenv()) {
            AppHome known = ofThisProcess;
            if (known == null) {
                known = lookUp(env);
                ofThisProcess = known;
            }
            return known;
        }
        return lookUp(env);
    }

    private static AppHome lookUp(Map<String, String> env) {
        String override = env.get(HOME_VARIABLE);
        if (override != null && !override.isBlank()) {
            return at(Path.of(override.strip()));
        }
        ProjectDirectories dirs = ProjectDirectories.from("org", "TokenDesk", "TokenDesk");
        return new AppHome(Path.of(dirs.configDir), Path.of(dirs.dataLocalDir).resolve("logs"));
    }

    public static AppHome at(Path root) {
        return new AppHome(root.toAbsolutePath(), root.toAbsolutePath().resolve("logs"));
    }

    public Path tokensFile() {
        return config.resolve("tokens.json");
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }
}
