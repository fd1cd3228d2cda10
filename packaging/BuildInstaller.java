import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds TokenDesk's installer for the OS it runs on: a jlink'd runtime holding JavaFX and only
 * the JDK modules the app needs, then jpackage with packaging/jpackage.options plus the options
 * of this OS (packaging/linux, windows or macos). Run by {@code mvn -Ppackage package}; by hand:
 * {@code java packaging/BuildInstaller.java --lib=target/app/lib --main-jar=tokendesk-0.1.0.jar --version=0.1.0}.
 */
public final class BuildInstaller {
    private static final Path PACKAGING = Path.of("packaging");
    private static final List<String> NATIVE_SUFFIXES = List.of(".so", ".dll", ".dylib");

    private BuildInstaller() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = options(args);
        Os os = Os.current();
        Path lib = Path.of(required(opt, "lib"));
        String mainJar = required(opt, "main-jar");
        String version = numericVersion(required(opt, "version"));
        String type = opt.getOrDefault("type", "").isBlank() ? os.defaultType : opt.get("type");
        Path work = Path.of(opt.getOrDefault("work", "target/package"));
        Path dest = Path.of(opt.getOrDefault("dest", "target/installer"));
        String javaOptions = opt.getOrDefault("java-options", "");

        deleteTree(work);
        deleteTree(dest);
        Path input = Files.createDirectories(work.resolve("input"));
        Path fxJars = Files.createDirectories(work.resolve("javafx"));
        Path jmods = Files.createDirectories(work.resolve("jmods"));
        Path runtime = work.resolve("runtime");

        splitLibraries(lib, input, fxJars, jmods, work);
        if (os == Os.LINUX) {
            // The command and menu entry's launcher (bin/TokenDesk's job, 0.25 s sooner), and the
            // script postinst / %post runs to write the class-data archive its options name.
            Files.copy(PACKAGING.resolve("linux/tokendesk.sh"), input.resolve("tokendesk"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(PACKAGING.resolve("linux/share-classes.sh"), input.resolve("share-classes.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        }
        if (!Files.isRegularFile(input.resolve(mainJar))) {
            throw new IllegalStateException("main jar " + mainJar + " is not in " + lib);
        }

        Set<String> modules = new TreeSet<>(jdeps(fxJars, input));
        modules.addAll(listFile(PACKAGING.resolve("modules.txt")));
        System.out.println("[package] runtime modules: " + String.join(",", modules));

        run("jlink", "--module-path", jmods.toString(),
                "--add-modules", String.join(",", modules),
                "--include-locales=en,zh",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2",
                "--output", runtime.toString());
        shareClassData(runtime, os, work);

        List<String> jpackage = new ArrayList<>();
        jpackage.addAll(optionsFile(PACKAGING.resolve("jpackage.options")));
        List<String> osOptions = optionsFile(PACKAGING.resolve(os.folder).resolve("jpackage.options"));
        if (os == Os.LINUX) {
            withCommandOnPath(osOptions, work.resolve("resources"));
        }
        jpackage.addAll(osOptions);
        jpackage.addAll(List.of("--type", type,
                "--app-version", os.bundleVersion(version),
                "--input", input.toString(),
                "--main-jar", mainJar,
                "--runtime-image", runtime.toString(),
                "--dest", dest.toString()));
        if (!javaOptions.isBlank()) {
            jpackage.addAll(List.of("--java-options", javaOptions));
        }
        jpackage.addAll(macSigning(os, System.getenv()));
        if (Boolean.parseBoolean(opt.getOrDefault("verbose", "false"))) {
            jpackage.add("--verbose");
        }
        run("jpackage", jpackage.toArray(String[]::new));

        Path installer = os.renameToVersion(onlyFile(dest), version);
        System.out.printf("[package] runtime: %s (%.1f MiB on disk)%n", runtime, mib(treeSize(runtime)));
        System.out.printf("[package] installer: %s (%.1f MiB)%n", installer, mib(Files.size(installer)));
    }

    /**
     * macOS: signs the app and .dmg when MACOS_SIGNING_IDENTITY names a Developer ID in a keychain
     * (the release workflow imports it from its secrets); without it the build is unsigned.
     */
    private static List<String> macSigning(Os os, Map<String, String> env) {
        String identity = env.getOrDefault("MACOS_SIGNING_IDENTITY", "").strip();
        if (os != Os.MACOS || identity.isEmpty()) {
            return List.of();
        }
        List<String> sign = new ArrayList<>(List.of("--mac-sign", "--mac-signing-key-user-name", identity));
        String keychain = env.getOrDefault("MACOS_KEYCHAIN", "").strip();
        if (!keychain.isEmpty()) {
            sign.addAll(List.of("--mac-signing-keychain", keychain));
        }
        System.out.println("[package] signing with the Developer ID of " + identity);
        return sign;
    }

    /**
     * JavaFX goes into the runtime as modules, so that its native libraries land in the runtime's
     * own library folder; everything else stays on the class path.
     */
    private static void splitLibraries(Path lib, Path input, Path fxJars, Path jmods, Path work) throws IOException {
        for (Path jar : jars(lib)) {
            Optional<ModuleDescriptor> module = describe(jar);
            if (module.isPresent() && module.get().name().startsWith("javafx.")) {
                if (module.get().isAutomatic()) {
                    continue; // the empty per-artifact jar beside the platform jar
                }
                Files.copy(jar, fxJars.resolve(jar.getFileName()));
                toModulePath(jar, module.get().name(), jmods, work);
            } else {
                Files.copy(jar, input.resolve(jar.getFileName()));
            }
        }
    }

    /**
     * A jlink'd runtime has no class-data-sharing archive, which the JDK ships and which takes
     * about a third off the JVM's own start (measured here: 0.32 to 0.23 s for the CLI). On Linux it
     * also holds the JDK and JavaFX classes the window loads at start (linux/startup-classes.txt,
     * written by linux/startup-classes.sh): the window shows about 0.2 s sooner.
     */
    private static void shareClassData(Path runtime, Os os, Path work) throws IOException {
        Path java = runtime.resolve("bin").resolve(os == Os.WINDOWS ? "java.exe" : "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:dump"));
        Path startup = PACKAGING.resolve("linux/startup-classes.txt");
        if (os == Os.LINUX && Files.isRegularFile(startup)) {
            Path list = work.resolve("classlist");
            Files.writeString(list, Files.readString(runtime.resolve("lib/classlist")) + "\n" + Files.readString(startup));
            command.add("-XX:SharedClassListFile=" + list);
        }
        System.out.println("[package] " + String.join(" ", command));
        Process dump = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (dump.waitFor() != 0) {
                throw new IllegalStateException("-Xshare:dump failed with exit code " + dump.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the class-data archive", e);
        }
    }

    /** jlink copies a jmod's native libraries to bin/ or lib/; from a jar they would stay inside the module. */
    private static void toModulePath(Path jar, String module, Path jmods, Path work) throws IOException {
        Path classes = work.resolve("exploded").resolve(module);
        Path natives = work.resolve("natives").resolve(module);
        boolean hasNatives = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().collect(Collectors.toList())) {
                if (entry.isDirectory()) {
                    continue;
                }
                boolean nativeLib = !entry.getName().contains("/") && NATIVE_SUFFIXES.stream().anyMatch(entry.getName()::endsWith);
                Path target = (nativeLib ? natives : classes).resolve(entry.getName()).normalize();
                if (!target.startsWith(nativeLib ? natives : classes)) {
                    throw new IOException("unexpected entry in " + jar + ": " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                try (var in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                hasNatives |= nativeLib;
            }
        }
        if (!hasNatives) {
            Files.copy(jar, jmods.resolve(jar.getFileName()));
            return;
        }
        run("jmod", "create", "--class-path", classes.toString(), "--libs", natives.toString(),
                jmods.resolve(module + ".jmod").toString());
    }

    /**
     * Puts packaging/linux/on-install.sh and on-remove.sh in place of the desktop-menu lines of
     * jpackage's own maintainer scripts (deb postinst/prerm, rpm spec), read from the JDK that
     * builds, so that they follow its version.
     */
    private static void withCommandOnPath(List<String> options, Path merged) throws IOException {
        int at = options.indexOf("--resource-dir");
        if (at < 0) {
            throw new IllegalStateException("packaging/linux/jpackage.options has no --resource-dir");
        }
        copyTree(Path.of(options.get(at + 1)), merged);
        String install = Files.readString(PACKAGING.resolve("linux/on-install.sh"));
        String remove = Files.readString(PACKAGING.resolve("linux/on-remove.sh"));
        String pkg = options.get(options.indexOf("--linux-package-name") + 1);
        Files.writeString(merged.resolve("postinst"), replaceLine(jpackageTemplate("template.postinst"), "DESKTOP_COMMANDS_INSTALL", install));
        Files.writeString(merged.resolve("prerm"), replaceLine(jpackageTemplate("template.prerm"), "DESKTOP_COMMANDS_UNINSTALL", remove));
        String spec = replaceLine(jpackageTemplate("template.spec"), "DESKTOP_COMMANDS_INSTALL", install);
        Files.writeString(merged.resolve(pkg + ".spec"), replaceLine(spec, "DESKTOP_COMMANDS_UNINSTALL", remove));
        options.set(at + 1, merged.toString());
    }

    private static String jpackageTemplate(String name) throws IOException {
        Path jrt = FileSystems.getFileSystem(URI.create("jrt:/"))
                .getPath("modules", "jdk.jpackage", "jdk", "jpackage", "internal", "resources", name);
        return Files.readString(jrt);
    }

    private static String replaceLine(String text, String line, String replacement) {
        String marker = "\n" + line + "\n";
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("jpackage template has no line " + line);
        }
        return text.substring(0, at + 1) + replacement + text.substring(at + marker.length());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static Set<String> jdeps(Path modulePath, Path classPath) throws IOException {
        List<String> args = new ArrayList<>(List.of("--module-path", modulePath.toString(),
                "--print-module-deps", "--ignore-missing-deps", "--multi-release", "17"));
        for (Path jar : jars(classPath)) {
            args.add(jar.toString());
        }
        String out = run("jdeps", args.toArray(String[]::new)).strip();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        return Stream.of(last.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is missing: build with a full JDK 17"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.out.println("[package] " + tool + " " + String.join(" ", args));
        int code = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        System.out.print(out);
        System.err.print(err);
        if (code != 0) {
            throw new IllegalStateException(tool + " failed with exit code " + code);
        }
        return out.toString();
    }

    private static Optional<ModuleDescriptor> describe(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream().findFirst().map(ModuleReference::descriptor);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** jpackage accepts only dotted numbers: 0.2.0-SNAPSHOT packages as 0.2.0. */
    static String numericVersion(String version) {
        String numeric = version.replaceFirst("[^0-9.].*$", "").replaceAll("\\.+$", "");
        if (!numeric.matches("\\d+(\\.\\d+){0,2}")) {
            throw new IllegalArgumentException("cannot make a package version out of " + version);
        }
        return numeric;
    }

    /** One option per line ({@code --name value}, the value may hold spaces); blank lines and # comments ignored. */
    private static List<String> optionsFile(Path file) throws IOException {
        List<String> args = new ArrayList<>();
        for (String line : listFile(file)) {
            int space = line.indexOf(' ');
            if (space < 0) {
                args.add(line);
            } else {
                args.add(line.substring(0, space));
                args.add(line.substring(space + 1).strip());
            }
        }
        return args;
    }

    private static List<String> listFile(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toList());
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).collect(Collectors.toList());
            if (all.size() != 1) {
                throw new IllegalStateException("expected one installer in " + dir + ", found " + all);
            }
            return all.get(0);
        }
    }

    private static long treeSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            opt.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return opt;
    }

    private static String required(Map<String, String> opt, String name) {
        String value = opt.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return value;
    }

    private enum Os {
        LINUX("linux", "deb"),
        WINDOWS("windows", "msi"),
        MACOS("macos", "dmg");

        final String folder;
        final String defaultType;

        Os(String folder, String defaultType) {
            this.folder = folder;
            this.defaultType = defaultType;
        }

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            if (name.startsWith("mac")) {
                return MACOS;
            }
            return LINUX;
        }

        /** jpackage on macOS refuses a bundle version whose first number is 0 (CFBundleVersion rules). */
        String bundleVersion(String version) {
            if (this == MACOS && version.startsWith("0")) {
                return "1.0.0";
            }
            return version;
        }

        /** Names the installer after the real version where the bundle version had to differ. */
        Path renameToVersion(Path installer, String version) throws IOException {
            String bundle = bundleVersion(version);
            String name = installer.getFileName().toString();
            if (bundle.equals(version) || !name.contains(bundle)) {
                return installer;
            }
            return Files.move(installer, installer.resolveSibling(name.replace(bundle, version)));
        }
    }
}
