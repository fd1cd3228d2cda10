package org.tokendesk.everywhere;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;

/**
 * Copy-ready text that points a bot at the registry where its token is registered. None of it holds
 * the token: the code reads it from {@value #TOKEN_VARIABLE}.
 *
 * <p>What the SDKs do (read from their sources): Node {@code wechaty-puppet-service} 1.19 and
 * go-wechaty's {@code wechaty-puppet-service} read {@value Registry#AUTHORITY_VARIABLE} (Node also
 * takes {@code new PuppetService({ authority })}) and ask {@code https://<authority>/v0/hosties/<token>};
 * python-wechaty's puppet-service asks {@code https://api.chatie.io} whatever is set, so its snippet
 * looks the token up itself and passes the address as {@code end_point}.
 */
public record FixLines(Registry target, Mode mode, Optional<String> endpoint, List<Snippet> snippets) {
    public static final String TOKEN_VARIABLE = "WECHATY_PUPPET_SERVICE_TOKEN";
    public static final String ENDPOINT_VARIABLE = "WECHATY_PUPPET_SERVICE_ENDPOINT";

    public FixLines {
        snippets = List.copyOf(snippets);
    }

    public enum Mode {
        /** The registry is https at the root of its host: one authority value reaches it. */
        AUTHORITY,
        /** The SDKs cannot reach this registry by authority (plain http, or below a path); the resolved address can be dialled directly. */
        ENDPOINT,
        /** Neither: no authority reaches it and there is no address to dial. */
        NONE
    }

    public enum Kind {
        SHELL, CMD, POWERSHELL, DOTENV, PYTHON, NODE, GO
    }

    public record Snippet(Kind kind, String text) {
    }

    /** The lines that make an SDK find the token where {@code at} found it. */
    public static FixLines toReach(RegistryOutcome at) {
        Registry target = at.registry();
        if (authorityReaches(target)) {
            String authority = target.authority();
            return new FixLines(target, Mode.AUTHORITY, Optional.empty(),
                    lines(Registry.AUTHORITY_VARIABLE, authority, target, nodeAuthority(authority), goAuthority(authority)));
        }
        if (at.lookup() instanceof Lookup.Resolved resolved) {
            String address = resolved.address();
            return new FixLines(target, Mode.ENDPOINT, Optional.of(address),
                    lines(ENDPOINT_VARIABLE, address, target, nodeEndpoint(address), goEndpoint(address)));
        }
        return new FixLines(target, Mode.NONE, Optional.empty(), List.of(new Snippet(Kind.PYTHON, python(target))));
    }

    /** The SDKs always build {@code https://<authority>/v0/hosties/…}: only an https registry at the root of its host fits. */
    public static boolean authorityReaches(Registry registry) {
        String path = registry.baseUrl().getRawPath();
        return registry.secure() && (path == null || path.isEmpty() || path.equals("/"));
    }

    /** The variable to set, when there is one. */
    public Optional<String> variable() {
        switch (mode) {
            case AUTHORITY:
                return Optional.of(Registry.AUTHORITY_VARIABLE);
            case ENDPOINT:
                return Optional.of(ENDPOINT_VARIABLE);
            default:
                return Optional.empty();
        }
    }

    /** Its value: the authority, or the address to dial. */
    public Optional<String> value() {
        return mode == Mode.AUTHORITY ? Optional.of(target.authority()) : endpoint;
    }

    /** {@code VARIABLE=value}, as the verdict quotes it. */
    public Optional<String> line() {
        return variable().map(v -> v + "=" + value().orElseThrow());
    }

    public Optional<Snippet> snippet(Kind kind) {
        return snippets.stream().filter(s -> s.kind() == kind).findFirst();
    }

    private static List<Snippet> lines(String variable, String value, Registry target, String node, String go) {
        List<Snippet> out = new ArrayList<>();
        out.add(new Snippet(Kind.SHELL, "export " + variable + "=\"" + value + "\""));
        out.add(new Snippet(Kind.CMD, "set " + variable + "=" + value));
        out.add(new Snippet(Kind.POWERSHELL, "$env:" + variable + "=\"" + value + "\""));
        out.add(new Snippet(Kind.DOTENV, variable + "=" + value));
        out.add(new Snippet(Kind.PYTHON, python(target)));
        out.add(new Snippet(Kind.NODE, node));
        out.add(new Snippet(Kind.GO, go));
        return out;
    }

    private static String python(Registry target) {
        return String.join("\n",
                "import os",
                "from urllib.parse import quote",
                "",
                "import requests",
                "from wechaty import Wechaty, WechatyOptions",
                "from wechaty_puppet import PuppetOptions",
                "",
                "token = os.environ['" + TOKEN_VARIABLE + "']",
                "response = requests.get('" + pythonQuoted(target.baseUrl().toString()) + "/v0/hosties/' + quote(token, safe=''), timeout=20)",
                "response.raise_for_status()",
                "answer = response.json()",
                "endpoint = '{}:{}'.format(answer.get('host') or answer['ip'], answer['port'])",
                "bot = Wechaty(WechatyOptions(",
                "    puppet='wechaty-puppet-service',",
                "    puppet_options=PuppetOptions(token=token, end_point=endpoint),",
                "))");
    }

    /** Inside a single-quoted Python literal; a base URL may legally hold an apostrophe. */
    private static String pythonQuoted(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static String nodeAuthority(String authority) {
        return node("authority: '" + authority + "',");
    }

    private static String nodeEndpoint(String address) {
        return node("endpoint: '" + address + "',");
    }

    private static String node(String option) {
        return String.join("\n",
                "import { WechatyBuilder } from 'wechaty'",
                "import { PuppetService } from 'wechaty-puppet-service'",
                "",
                "const puppet = new PuppetService({",
                "  " + option,
                "  token: process.env." + TOKEN_VARIABLE + ",",
                "})",
                "const bot = WechatyBuilder.build({ puppet })");
    }

    private static String goAuthority(String authority) {
        return go(List.of("\tos.Setenv(\"" + Registry.AUTHORITY_VARIABLE + "\", \"" + authority + "\")"), List.of());
    }

    private static String goEndpoint(String address) {
        return go(List.of(), List.of("\t\tEndpoint: \"" + address + "\","));
    }

    private static String go(List<String> before, List<String> options) {
        List<String> lines = new ArrayList<>(List.of(
                "package main",
                "",
                "import (",
                "\t\"os\"",
                "",
                "\t\"github.com/wechaty/go-wechaty/wechaty\"",
                "\twp \"github.com/wechaty/go-wechaty/wechaty-puppet\"",
                ")",
                "",
                "func main() {"));
        lines.addAll(before);
        lines.add("\tbot := wechaty.NewWechaty(wechaty.WithPuppetOption(&wp.Option{");
        lines.add("\t\tToken: os.Getenv(\"" + TOKEN_VARIABLE + "\"),");
        lines.addAll(options);
        lines.add("\t}))");
        lines.add("\tbot.DaemonStart()");
        lines.add("}");
        return String.join("\n", lines);
    }
}
