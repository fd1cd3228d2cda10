package org.tokendesk.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Input nobody should send, for property tests: any Unicode (surrogates and controls included),
 * the characters parsers trip over, token-shaped text, and JSON of every shape. Sizes stay small
 * so that a thousand tries take well under a second.
 */
public final class Hostile {
    /** Characters that mean something to our parsers: quotes of every family, separators, escapes. */
    private static final String TRICKY = "\"'`“”‘’「」＂=#:;,{}[]\\/?%@$_-. \t\r\n\u0000\u200B\uFEFF\u00A0\u3000\uD800\uDFFF";

    private Hostile() {
    }

    /** Any string: random code units, tricky characters, or a mix. */
    public static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars(TRICKY).ofMaxLength(60),
                Arbitraries.strings().withChars(TRICKY).withCharRange('a', 'z').withCharRange('0', '9').ofMaxLength(120),
                tokens(),
                Combinators.combine(assignmentPrefixes(), quotes(), tokens(), quotes(), Arbitraries.strings().withChars(TRICKY).ofMaxLength(5))
                        .as((prefix, open, token, close, tail) -> prefix + open + token + close + tail),
                json().map(Object::toString));
    }

    /** Strings that pass the token syntax: printable ASCII without URL characters, 1..256 long. */
    public static Arbitrary<String> tokens() {
        Arbitrary<String> modern = Combinators.combine(
                Arbitraries.of("insecure", "puppet_padlocal", "puppet_workpro", "uuid", "x"),
                Arbitraries.create(UUID::randomUUID)).as((sni, uuid) -> sni + "_" + uuid);
        Arbitrary<String> free = Arbitraries.strings().withCharRange('!', '~')
                .excludeChars("/?#%\\[]@<>\"{}|^`".toCharArray()).ofMinLength(1).ofMaxLength(256)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        return Arbitraries.oneOf(modern, free);
    }

    public static Arbitrary<String> quotes() {
        return Arbitraries.of("", "", "\"", "'", "`", "“", "”", "‘", "’", "「", "」", "＂", "\"'");
    }

    public static Arbitrary<String> assignmentPrefixes() {
        return Arbitraries.oneOf(tokenAssignments(), Arbitraries.of("OTHER_VARIABLE=", "export =", "set ", "-e ", "ENV WECHATY_PUPPET_SERVICE_TOKEN "));
    }

    /** The ways users write "this variable holds the token" (shell, PowerShell, .env, compose, JSON). */
    public static Arbitrary<String> tokenAssignments() {
        return Arbitraries.of("", "export WECHATY_PUPPET_SERVICE_TOKEN=", "WECHATY_TOKEN=", "WECHATY_PUPPET_HOSTIE_TOKEN = ",
                "$env:WECHATY_PUPPET_SERVICE_TOKEN=", "- WECHATY_TOKEN=", "WECHATY_TOKEN: ", "\"WECHATY_TOKEN\": ",
                "set WECHATY_PUPPET_SERVICE_TOKEN=", "-e WECHATY_TOKEN=", "ENV WECHATY_PUPPET_SERVICE_TOKEN=");
    }

    private static final String[] SCALARS = {"null", "true", "false", "0", "-0", "1e400", "-1e400", "65536", "8788", "-5", "1.5",
        "99999999999999999999999999", "-9223372036854775809", "\"\"", "\"8788\"", "\"0.0.0.0\"", "\"127.0.0.1\"", "\"::1\"",
        "\"abc\"", "\"getHostieGrpcPort\"", "\"hostieGrpcPort\"", "\"jsonrpc\""};
    private static final String[] NAMES = {"host", "ip", "port", "name", "payload", "jsonrpc", "id", "method", "result", "error",
        "tokens", "token", "label", "added", "keepOnline", "format", "schema", "ref", "registry", "extraRegistries",
        "defaultPort", "concurrency", "language", "theme", "startMinimized"};

    /**
     * JSON text of any shape, including numbers beyond 64 bits and the names our readers look for.
     * Built straight from the random source (no shrinking of the tree): a shrinkable tree costs
     * jqwik tens of milliseconds per sample.
     */
    public static Arbitrary<String> json() {
        return Arbitraries.randomValue(Hostile::json);
    }

    /** One JSON text from {@code random}, for tests that draw outside jqwik (network fuzzing). */
    public static String json(Random random) {
        StringBuilder b = new StringBuilder();
        jsonValue(random, 3, b);
        return b.toString();
    }

    /** Bytes from {@code random}: random, broken-UTF-8 JSON, or truncated JSON. */
    public static byte[] bytes(Random random) {
        byte[] raw = json(random).getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] any = new byte[random.nextInt(400)];
                random.nextBytes(any);
                return any;
            }
            case 1 -> {
                if (raw.length > 0) {
                    raw[random.nextInt(raw.length)] = (byte) (0x80 + random.nextInt(0x80));
                }
                return raw;
            }
            default -> {
                return Arrays.copyOf(raw, random.nextInt(raw.length + 1));
            }
        }
    }

    private static void jsonValue(Random random, int depth, StringBuilder b) {
        int kind = depth == 0 ? random.nextInt(4) : random.nextInt(9);
        switch (kind) {
            case 0 -> b.append(SCALARS[random.nextInt(SCALARS.length)]);
            case 1 -> b.append(random.nextBoolean() ? random.nextInt() : random.nextLong());
            case 2 -> b.append(quoteJson(randomText(random, random.nextInt(30))));
            case 3 -> b.append(random.nextInt(70_000) - 2);
            case 4, 5, 6 -> {
                b.append('{');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",");
                    b.append(quoteJson(random.nextInt(4) == 0 ? randomText(random, 6) : NAMES[random.nextInt(NAMES.length)])).append(':');
                    jsonValue(random, depth - 1, b);
                }
                b.append('}');
            }
            default -> {
                b.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",");
                    jsonValue(random, depth - 1, b);
                }
                b.append(']');
            }
        }
    }

    /** Any UTF-16 code units, lone surrogates included. */
    public static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(random.nextInt(3) == 0 ? TRICKY.charAt(random.nextInt(TRICKY.length())) : (char) random.nextInt(0x10000));
        }
        return b.toString();
    }

    /** JSON string literal of {@code s}; lone surrogates stay in, as a broken encoder would leave them. */
    public static String quoteJson(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Raw bytes: random, or the UTF-8 of a hostile string with a few bytes broken. */
    public static Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> brokenJson = Combinators.combine(json(), Arbitraries.integers().between(0, 10), Arbitraries.bytes())
                .as((text, at, b) -> {
                    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
                    if (raw.length > 0) {
                        raw[Math.min(at, raw.length - 1)] = b;
                    }
                    return raw;
                });
        Arbitrary<byte[]> truncated = Combinators.combine(json(), Arbitraries.integers().between(0, 100))
                .as((text, percent) -> {
                    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
                    return Arrays.copyOf(raw, raw.length * percent / 100);
                });
        return Arbitraries.oneOf(random, brokenJson, truncated,
                Arbitraries.of(List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {'{', '"', 'h', 'o', 's', 't', '"', ':', '"', (byte) 0xFF, '"', '}'}, new byte[0])));
    }
}
