package org.tokendesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layering README states, read from source text: JavaFX and AWT only in {@code org.tokendesk.ui.*};
 * no cycles between packages (imports and fully qualified uses both count); the domain packages
 * depend on no text ({@code i18n}) and on neither the UI nor the CLI. The entry point
 * {@code org.tokendesk.Main} depends on everything and nothing on it: it counts as its own node, so
 * that {@code org.tokendesk.Version}, which everything uses, does not make a cycle of the root package.
 */
public final class ImportRules {
    public static final String ROOT = "org.tokendesk";
    private static final String ENTRY = ROOT + ".Main";
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);
    /** A qualified name of ours in code: lower-case segments, then a class. */
    private static final Pattern OURS = Pattern.compile("\\borg\\.tokendesk((?:\\.[a-z_]\\w*)*)\\.([A-Z]\\w*)");
    private static final Pattern UI_TOOLKIT = Pattern.compile("\\b(javafx\\.[a-z]\\w*|java\\.awt\\b|javax\\.swing\\b)");
    /** Block comments, line comments, text blocks, strings and chars: what must not count as code. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'", Pattern.DOTALL);

    private ImportRules() {
    }

    /** Every main source file, by its path relative to {@code src/main/java}. */
    public static Map<String, String> mainSources() {
        Path root = Path.of("src/main/java");
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(root.relativize(file).toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** The rules broken by {@code sources} (file name to text), one line each; empty when all hold. */
    public static List<String> violations(Map<String, String> sources) {
        Map<String, String> code = new TreeMap<>();
        Map<String, String> nodeOf = new HashMap<>();
        Set<String> packages = new TreeSet<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String text = strip(source.getValue());
            Matcher pkg = PACKAGE.matcher(text);
            String name = pkg.find() ? pkg.group(1) : "";
            String simple = Path.of(source.getKey()).getFileName().toString().replace(".java", "");
            code.put(source.getKey(), text);
            nodeOf.put(source.getKey(), (name + "." + simple).equals(ENTRY) ? ENTRY : name);
            packages.add(name);
        }
        List<String> out = new ArrayList<>();
        Map<String, Set<String>> edges = new TreeMap<>();
        for (Map.Entry<String, String> file : code.entrySet()) {
            String from = nodeOf.get(file.getKey());
            String text = file.getValue();
            Matcher toolkit = UI_TOOLKIT.matcher(text);
            if (toolkit.find() && !isUi(from)) {
                out.add(file.getKey() + ": " + toolkit.group(1) + " outside org.tokendesk.ui");
            }
            Set<String> targets = new TreeSet<>();
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                owner(imports.group(1), packages).ifPresent(targets::add);
            }
            Matcher ours = OURS.matcher(text);
            while (ours.find()) {
                owner(ROOT + ours.group(1) + "." + ours.group(2), packages).ifPresent(targets::add);
            }
            targets.remove(from);
            for (String to : targets) {
                if (isDomain(from) && !isDomain(to) && !to.equals(ROOT)) {
                    out.add(file.getKey() + ": the domain package " + from + " depends on " + to);
                }
            }
            edges.computeIfAbsent(from, k -> new TreeSet<>()).addAll(targets);
        }
        for (List<String> cycle : cycles(edges)) {
            out.add("package cycle among " + String.join(", ", cycle));
        }
        return out;
    }

    /** The package (or the entry point) that a qualified name lives in, if it is one of ours. */
    private static Optional<String> owner(String qualified, Set<String> packages) {
        if (qualified.equals(ENTRY) || qualified.startsWith(ENTRY + ".")) {
            return Optional.of(ENTRY);
        }
        String best = null;
        for (String p : packages) {
            if (!p.isEmpty() && qualified.startsWith(p + ".") && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    static boolean isUi(String node) {
        return node.equals(ROOT + ".ui") || node.startsWith(ROOT + ".ui.");
    }

    /** Everything but the UI, the CLI, the words and the root package (the entry point and the version). */
    static boolean isDomain(String node) {
        return node.startsWith(ROOT + ".") && !isUi(node) && !node.equals(ENTRY)
                && !node.equals(ROOT + ".cli") && !node.startsWith(ROOT + ".cli.")
                && !node.equals(ROOT + ".i18n");
    }

    private static String strip(String source) {
        return NOT_CODE.matcher(source).replaceAll(m -> m.group().startsWith("/") ? " " : "\"\"");
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted by name. */
    private static List<List<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String node : edges.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, edges, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String node, Map<String, Set<String>> edges, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, edges, index, low, stack, onStack, out, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                component.sort(null);
                
                out.add(component);
            }
        }
    }
}
