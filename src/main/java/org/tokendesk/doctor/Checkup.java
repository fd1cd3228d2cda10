package org.tokendesk.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tokendesk.chain.SdkFix;
import org.tokendesk.chain.TokenReading;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.FixLines;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.token.TokenSyntax;

/** The doctor's rules: what in a bot folder is known to break a bot, and the token it would use. */
final class Checkup {
    static final String TOKEN_VARIABLE = FixLines.TOKEN_VARIABLE;
    static final String OLD_TOKEN_VARIABLE = "WECHATY_PUPPET_HOSTIE_TOKEN";
    static final Map<String, String> DEPRECATED = Map.of(
            OLD_TOKEN_VARIABLE, TOKEN_VARIABLE,
            "WECHATY_PUPPET_HOSTIE_ENDPOINT", FixLines.ENDPOINT_VARIABLE,
            "WECHATY_SERVICE_DISCOVERY_ENDPOINT", Registry.AUTHORITY_VARIABLE);

    /**
     * wechaty-token 1.1.x (1.1.2 is the newest) crashes after discovery with every @grpc/grpc-js from
     * 1.10.0 on. Found by installing wechaty-token 1.1.2 with each grpc-js 1.9.0 … 1.14.7 from npm and
     * connecting through its resolver to a loopback https registry and grpc-js server: 1.9.0-1.9.16 connect;
     * 1.10.0-1.13.x throw "TypeError: Cannot use 'in' operator to search for 'port' in undefined";
     * 1.14.0-1.14.7 throw "The "callback" argument must be of type function". Pinning 1.9.15 through
     * overrides gets the real wechaty-puppet-service client through to the service (see the report of issue 13).
     */
    static final String FIRST_CRASHING_GRPC = "1.10.0";
    static final String GOOD_GRPC = "1.9.15";
    static final String FIRST_GO_WITH_AUTHORITY = "0.4.11";
    /** Python removed telnetlib, which python-wechaty-puppet-service 0.8.10 imports at start. */
    static final String PYTHON_WITHOUT_TELNETLIB = "3.13";
    private static final String PYTHON_SERVICE = "wechaty[-_]puppet[-_]service\\b.*";

    private Checkup() {
    }

    /** The token the bot would use, when its .env holds one that can be a token. */
    static Optional<Token> token(BotProject project) {
        Map<String, String> values = project.env().values();
        String value = values.getOrDefault(TOKEN_VARIABLE, values.get(OLD_TOKEN_VARIABLE));
        if (value == null || TokenSyntax.check(value).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Token.of(value));
    }

    static List<Advice> examine(BotProject project, List<Token> known) {
        List<Advice> out = new ArrayList<>(project.unreadable());
        grpc(project, out);
        // Set to the default registry, an ignored authority changes nothing.
        String authority = project.env().values().getOrDefault(Registry.AUTHORITY_VARIABLE, "").strip();
        boolean authoritySet = !authority.isEmpty() && !authority.equalsIgnoreCase(Registry.CHATIE.authority());
        if (!project.python().isEmpty()) {
            String declared = project.python().stream().filter(p -> p.toLowerCase(Locale.ROOT).matches(PYTHON_SERVICE)).findFirst()
                    .orElse(project.python().get(0));
            out.add(new Advice.IgnoresAuthority(SdkFix.Sdk.PYTHON, declared, authoritySet));
            python(project, out);
        }
        project.java().ifPresent(file -> out.add(new Advice.IgnoresAuthority(SdkFix.Sdk.JAVA, file, authoritySet)));
        project.go().ifPresent(version -> {
            // go-wechaty reads the authority from v0.4.11 (2023-09); before, it asked api.chatie.io.
            if (Semver.compare(version.replaceFirst("^v", ""), FIRST_GO_WITH_AUTHORITY) < 0) {
                out.add(new Advice.IgnoresAuthority(SdkFix.Sdk.GO, version, authoritySet));
            }
            out.add(new Advice.GoPlaintextOnly(version));
        });
        env(project.env(), out);
        tokens(project, known, out);
        return out;
    }

    private static void python(BotProject project, List<Advice> out) {
        Optional<String> service = project.python().stream()
                .filter(p -> p.toLowerCase(Locale.ROOT).matches(PYTHON_SERVICE)).findFirst();
        if (service.isEmpty()) {
            return;
        }
        Optional<BotProject.PythonRuntime> runtime = project.pythonRuntime();
        if (runtime.isEmpty()) {
            out.add(new Advice.PythonTelnetlib(service.get(), Optional.empty(), Optional.empty()));
        } else if (Semver.compare(runtime.get().version() + ".0", PYTHON_WITHOUT_TELNETLIB + ".0") >= 0) {
            out.add(new Advice.PythonTelnetlib(service.get(), Optional.of(runtime.get().version()), Optional.of(runtime.get().file())));
        }
    }

    private static void grpc(BotProject project, List<Advice> out) {
        if (!project.isNode()) {
            return;
        }
        Set<String> token = project.nodeResolved().get("wechaty-token");
        Set<String> grpc = project.nodeResolved().get("@grpc/grpc-js");
        if (project.lockFile().isPresent()) {
            if (token == null || grpc == null || token.stream().noneMatch(v -> Semver.parts(v)[0] == 1 && Semver.parts(v)[1] <= 1)) {
                return;
            }
            grpc.stream().filter(v -> Semver.atLeast(v, FIRST_CRASHING_GRPC)).reduce((a, b) -> b).ifPresent(bad ->
                    out.add(new Advice.GrpcCrash(bad, token.iterator().next(), project.lockFile().get(), project.manager())));
            return;
        }
        // No lock: what a fresh install resolves. wechaty-puppet-service and wechaty pull wechaty-token 1.1.2 and the newest grpc-js.
        boolean pinnedGood = project.grpcPin().filter(p -> !Semver.atLeast(p, FIRST_CRASHING_GRPC)).isPresent();
        for (String name : List.of("wechaty-puppet-service", "wechaty-token", "wechaty")) {
            if (project.nodeDeclared().containsKey(name) && !pinnedGood) {
                out.add(new Advice.GrpcUnpinned(name + " " + project.nodeDeclared().get(name), project.manager()));
                return;
            }
        }
    }

    private static void env(EnvFile env, List<Advice> out) {
        for (EnvFile.Entry e : env.entries()) {
            if (!e.name().startsWith("WECHATY_")) {
                continue;
            }
            String raw = e.raw();
            String v = e.value();
            if (v.indexOf('"') >= 0 || v.indexOf('\'') >= 0 || hasTypographicQuote(raw) || unbalanced(raw.strip())) {
                out.add(new Advice.StrayQuotes(e.name(), e.line()));
            } else if (!v.equals(v.strip()) || (!raw.isEmpty() && raw.charAt(0) == ' ') || !raw.equals(raw.stripTrailing())) {
                out.add(new Advice.StraySpaces(e.name(), e.line()));
            }
            if (DEPRECATED.containsKey(e.name())) {
                out.add(new Advice.Deprecated(e.name(), DEPRECATED.get(e.name()), e.line()));
            }
            if ((e.name().equals(TOKEN_VARIABLE) || e.name().equals(OLD_TOKEN_VARIABLE)) && !v.isEmpty()) {
                Optional<TokenProblem> problem = TokenSyntax.check(v);
                problem.ifPresent(p -> out.add(new Advice.BadToken(e.name(), p)));
            }
        }
    }

    private static boolean hasTypographicQuote(String s) {
        return s.indexOf('\u201c') >= 0 || s.indexOf('\u201d') >= 0 || s.indexOf('\u2018') >= 0 || s.indexOf('\u2019') >= 0;
    }

    private static boolean unbalanced(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char q = s.charAt(0);
        return (q == '"' || q == '\'') && s.indexOf(q, 1) < 0;
    }

    private static void tokens(BotProject project, List<Token> known, List<Advice> out) {
        Map<String, String> values = project.env().values();
        if (!values.containsKey(TOKEN_VARIABLE) && !values.containsKey(OLD_TOKEN_VARIABLE)) {
            out.add(new Advice.NoToken());
            return;
        }
        Optional<Token> token = token(project);
        if (token.isEmpty()) {
            return;
        }
        Token t = token.get();
        if (!known.isEmpty() && !known.contains(t)) {
            Optional<String> same = known.stream().filter(k -> k.sni().isPresent() && k.sni().equals(t.sni())).map(Token::masked).findFirst();
            out.add(new Advice.TokenNotInList(t.masked(), same));
        }
        TokenReading.Provider provider = TokenReading.of(t).provider();
        for (String puppet : List.of("padlocal", "workpro", "wxwork", "paimon", "donut")) {
            String pkg = "wechaty-puppet-" + puppet;
            boolean uses = project.nodeDeclared().containsKey(pkg) || pkg.equals(values.get("WECHATY_PUPPET"));
            if (uses && provider != TokenReading.Provider.valueOf(puppet.toUpperCase(Locale.ROOT))
                    && provider != TokenReading.Provider.OTHER && provider != TokenReading.Provider.NONE) {
                out.add(new Advice.TokenForAnotherPuppet(pkg, t.sni().orElse("")));
            }
        }
    }
}
