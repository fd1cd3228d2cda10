package org.tokendesk.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.tokendesk.token.Token;

/**
 * What the doctor found in a bot folder: the advice, the token its .env gives the bot (masked in
 * {@link Token#toString()}), and the .env's WECHATY_ variables, which the chain applies as the bot would.
 */
public record Examination(Path dir, Summary summary, List<Advice> advice, Optional<Token> token, Map<String, String> env) {
    public Examination {
        advice = List.copyOf(advice);
        env = Map.copyOf(env);
    }

    /** The SDK packages and versions found, for the report's first lines. */
    public record Summary(Map<String, String> node, Optional<String> lockFile, List<String> python, Optional<String> go,
            Optional<String> java, boolean dotEnv) {
        public Summary {
            node = Map.copyOf(node);
            python = List.copyOf(python);
        }
    }

    /**
     * Reads {@code dir} (nothing in it is changed) and applies the rules; {@code known} are TokenDesk's tokens.
     *
     * @throws IllegalArgumentException when {@code dir} is not a readable folder
     */
    public static Examination of(Path dir, List<Token> known) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        BotProject project = BotProject.read(dir);
        List<Advice> advice = Checkup.examine(project, known);
        Map<String, String> node = new TreeMap<>();
        project.nodeResolved().forEach((name, versions) -> node.put(name, String.join(", ", versions)));
        project.nodeDeclared().forEach((name, range) -> {
            if (BotProject.WATCHED.contains(name)) {
                node.putIfAbsent(name, range);
            }
        });
        Summary summary = new Summary(node, project.lockFile(), project.python(), project.go(), project.java(), Files.isRegularFile(dir.resolve(".env")));
        Map<String, String> env = new HashMap<>();
        project.env().values().forEach((k, v) -> {
            if (k.startsWith("WECHATY_")) {
                env.put(k, v.strip());
            }
        });
        return new Examination(dir, summary, advice, Checkup.token(project), env);
    }

    public boolean hasProblems() {
        return advice.stream().anyMatch(a -> a.severity() == Advice.Severity.PROBLEM);
    }
}
