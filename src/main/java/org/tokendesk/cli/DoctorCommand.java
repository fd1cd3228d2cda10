package org.tokendesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.tokendesk.chain.Chain;
import org.tokendesk.chain.ChainCheck;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.doctor.Advice;
import org.tokendesk.i18n.DoctorWords;
import org.tokendesk.doctor.Examination;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.Http;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.secrets.OsKeyring;
import org.tokendesk.store.AppHome;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.store.TokenStore;
import org.tokendesk.token.Token;

/**
 * {@code tokendesk doctor [--registry URL] DIR}: reads a bot folder (nothing in it changes), reports
 * what is known to break such a bot, then runs the chain for the token its .env holds, with its
 * variables. Exit 0: nothing wrong; 1: a problem found or a link failed; 2: bad input.
 */
@Command(name = "doctor", sortOptions = false)
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--registry", paramLabel = "URL", descriptionKey = "cli.doctor.option.registry")
    String registry;

    @Parameters(paramLabel = "DIR", arity = "1", descriptionKey = "cli.doctor.option.dir")
    Path dir;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "cli.help")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext context;

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    static void register(CommandLine parent, CliContext context) {
        CommandLine doctor = new CommandLine(new DoctorCommand(context));
        doctor.setResourceBundle(Text.bundle());
        doctor.getCommandSpec().usageMessage().description(Text.get("cli.doctor.description"));
        parent.addSubcommand("doctor", doctor);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Examination exam;
        try {
            exam = Examination.of(dir, knownTokens(err));
        } catch (IllegalArgumentException e) {
            err.println(Text.get("cli.doctor.notAFolder", dir));
            return Cli.ERROR;
        }
        out.println(Text.get("cli.doctor.folder", dir.toAbsolutePath()));
        summary(exam, out);
        for (Advice advice : exam.advice()) {
            out.println("  [" + DoctorWords.severity(advice) + "] " + DoctorWords.of(advice));
        }
        if (exam.advice().isEmpty()) {
            out.println("  " + Text.get("cli.doctor.nothingFound"));
        }
        if (exam.token().isEmpty()) {
            out.flush();
            return exam.hasProblems() ? Cli.NOT_REGISTERED : Cli.OK;
        }
        Registry target;
        try {
            target = registry(exam, err);
        } catch (IllegalArgumentException e) {
            return Cli.ERROR;
        }
        Token token = exam.token().get();
        out.println(Text.get("cli.doctor.chain", token.masked(), target.displayName()));
        out.flush();
        Chain chain = chain(exam, target, token, err);
        ChainOutput.lines(chain).forEach(out::println);
        out.flush();
        return exam.hasProblems() || chain.firstFailure().isPresent() ? Cli.NOT_REGISTERED : Cli.OK;
    }

    private void summary(Examination exam, PrintWriter out) {
        Examination.Summary s = exam.summary();
        if (!s.node().isEmpty()) {
            List<String> parts = new ArrayList<>();
            s.node().forEach((name, version) -> parts.add(name + " " + version));
            out.println("  Node: " + String.join(", ", parts) + s.lockFile().map(f -> " (" + f + ")").orElse(""));
        }
        if (!s.python().isEmpty()) {
            out.println("  Python: " + String.join(", ", s.python()));
        }
        s.go().ifPresent(v -> out.println("  Go: go-wechaty " + v));
        s.java().ifPresent(f -> out.println("  Java: " + f));
        out.println("  .env: " + Text.get(s.dotEnv() ? "cli.doctor.envFound" : "cli.doctor.envMissing"));
    }

    /** --registry, else the .env's authority as the Node SDK would use it, else the saved settings. */
    private Registry registry(Examination exam, PrintWriter err) {
        String input = registry != null ? registry : exam.env().get(Registry.AUTHORITY_VARIABLE);
        if (input == null || input.isBlank()) {
            return settings().registryOrDefault();
        }
        RegistryParse parsed = Registry.parse(input);
        if (parsed instanceof RegistryParse.Invalid invalid) {
            err.println(Words.of(invalid));
            throw new IllegalArgumentException("bad registry");
        }
        return ((RegistryParse.Valid) parsed).registry();
    }

    private Settings settings() {
        Path file = AppHome.resolve(context.env()).settingsFile();
        if (!Files.exists(file)) {
            return Settings.defaults(context.env());
        }
        try {
            return new SettingsStore(file, context.env()).read().settings();
        } catch (IOException e) {
            return Settings.defaults(context.env());
        }
    }

    /** The bot's own TLS variables apply, as they would when it starts; the shell's do not. */
    private Chain chain(Examination exam, Registry target, Token token, PrintWriter err) {
        Map<String, String> env = new HashMap<>(exam.env());
        ProbeConfig config;
        try {
            config = ProbeConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            config = ProbeConfig.defaults();
        }
        OkHttpClient http = Http.newClient(context.timeouts());
        DiscoveryClient discovery = new DiscoveryClient(http, 1);
        try {
            return new ChainCheck(discovery, http, config).run(target, token);
        } finally {
            discovery.close();
            Http.shutdown(http);
        }
    }

    /** TokenDesk's list, to tell a bot that still uses an old token; empty (with a note) when it cannot be read. */
    private List<Token> knownTokens(PrintWriter err) {
        Path file = AppHome.resolve(context.env()).tokensFile();
        if (!Files.exists(file)) {
            return List.of();
        }
        TokenStore store = new TokenStore(file, OsKeyring.detect(context.env()));
        try {
            return store.load().tokens().stream().map(SavedToken::token).toList();
        } catch (IOException | RuntimeException e) {
            err.println(Text.get("cli.doctor.listUnreadable", e.getClass().getSimpleName()));
            return List.of();
        } finally {
            store.closeKeyring();
        }
    }
}
