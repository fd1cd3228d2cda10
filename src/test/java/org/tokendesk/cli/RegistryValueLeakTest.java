package org.tokendesk.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.testing.Ports;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/**
 * A token typed into {@code --registry} (whole, or in the URL's user info, query, fragment or path)
 * never comes back whole in anything {@code check} or {@code keep-online} prints.
 */
class RegistryValueLeakTest {
    private static final String CHECKED = "insecure_1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
    /** Token-shaped, known only from where it was typed. */
    private static final String MODERN = "puppet_padlocal_9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    /** An old provider's token: not token-shaped, known only because it is on the command line. */
    private static final String OLD = "Zk3QwErTyUiOpAsDfGhJkLzXcVbNm0987";
    /** In the saved list only. */
    private static final String LISTED = "uuid_Qp9Wm2Xn7Rb4Tk6Vh8Jd1Lf3Sg5Zc0Y";

    private static final Http.Timeouts QUICK = new Http.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4));
    private static final TokenLeaks LEAKS = TokenLeaks.of(Token.of(CHECKED), Token.of(MODERN), Token.of(OLD), Token.of(LISTED));

    private RegistryStub stub;
    private Path home;

    @BeforeEach
    void start() throws IOException {
        Text.use(Locale.ENGLISH);
        stub = RegistryStub.start(4).register(CHECKED, "1.2.3.4", 8788);
        home = Files.createTempDirectory("leaks");
        Files.writeString(home.resolve("tokens.json"), "{\"schema\":2,\"tokens\":[{\"token\":\"" + LISTED + "\",\"label\":\"x\"}]}");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    static List<String> registryValues() throws IOException {
        String up = "http://127.0.0.1:PORT";
        List<String> values = new java.util.ArrayList<>();
        for (String secret : List.of(MODERN, OLD, LISTED)) {
            values.add(secret);
            values.add("https://" + secret);
            values.add(up + "/?token=" + secret);
            values.add(up + "/?a=1&token=" + secret + "&b=2");
            values.add(up + "/#" + secret);
            values.add("http://" + secret + "@127.0.0.1:1");
            values.add("http://user:" + secret + "@127.0.0.1:1");
            values.add(up + "/" + secret);
            values.add(up + "/base/" + secret + "/v0/hosties/" + secret);
            values.add("http://127.0.0.1:" + Ports.closed() + "/" + secret);
            values.add("ftp://" + secret);
        }
        return values;
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] real = java.util.Arrays.stream(args).map(a -> a.replace(":PORT", ":" + stub.port())).toArray(String[]::new);
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), Map.of("TOKENDESK_HOME", home.toString()), QUICK);
        Cli.run(real, context, new PrintWriter(out, true), new PrintWriter(err, true));
        return out + "\n" + err;
    }

    @ParameterizedTest
    @MethodSource("registryValues")
    @Timeout(30)
    void checkNeverPrintsATokenTypedIntoTheRegistry(String value) {
        String printed = run("check", "--registry", value, CHECKED);
        LEAKS.assertNoneIn("check --registry " + Token.mask(value), printed);
        printed = run("check", "--json", "--registry=" + value, CHECKED);
        LEAKS.assertNoneIn("check --json --registry=" + Token.mask(value), printed);
        assertTrue(printed.length() > 1, "something was printed");
    }

    @ParameterizedTest
    @MethodSource("registryValues")
    @Timeout(30)
    void keepOnlineNeverPrintsATokenTypedIntoTheRegistry(String value) throws Exception {
        StringWriter out = new StringWriter();
        CountDownLatch stop = new CountDownLatch(1);
        String real = value.replace(":PORT", ":" + stub.port());
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), Map.of("TOKENDESK_HOME", home.toString()), QUICK)
                .withStop(stop);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.run(
                new String[] {"keep-online", "--registry", real, CHECKED + "=8788"}, context,
                new PrintWriter(out, true), new PrintWriter(out, true)));
        try {
            exit.get(1500, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Still keeping online (a valid registry): what it printed so far is what is checked.
        }
        stop.countDown();
        exit.get(10, TimeUnit.SECONDS);
        LEAKS.assertNoneIn("keep-online --registry " + Token.mask(value), out.toString());
        assertTrue(out.toString().length() > 1, "something was printed");
    }
}
