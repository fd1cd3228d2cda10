package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.tokendesk.i18n.Text;
import org.tokendesk.registration.Timing;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.token.Token;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeepOnlineCommandTest {
    static final String A = "insecure_cli-a-5c0c4c34-1f1e-4a52-9c0b-7b5d2a1e9f00";
    static final String B = "puppet_padlocal_cli-b-0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";

    final RegistryFixture registry = RegistryFixture.start();

    @TempDir
    java.nio.file.Path childHome;

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void keepsTokensOnlinePrintsMaskedStatesAndClosesOnTheStopSignal() throws Exception {
        Text.use("en");
        StringWriter out = new StringWriter();
        CountDownLatch signal = new CountDownLatch(1);
        CommandLine cli = new CommandLine(new KeepOnlineCommand(Timing.DEFAULT, signal, false));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                cli.execute("--registry", registry.registry().toString(), A + "=8801", B));

        RegistryFixture.await(Duration.ofSeconds(10), "both online", () -> registry.onlineCount() == 2);
        // Stop once the start-up chatter (hostie answer, verification lookups) is over, as a person would.
        RegistryFixture.await(Duration.ofSeconds(10), "printed verified", () -> out.toString().split("verified: resolves to 127.0.0.1", -1).length == 3);
        RegistryFixture.Connection a = registry.connections(A).get(0);
        RegistryFixture.Connection b = registry.connections(B).get(0);
        signal.countDown();

        assertEquals(Cli.OK, exit.get(10, TimeUnit.SECONDS));
        RegistryFixture.await(Duration.ofSeconds(5), "closed at the registry", () -> !a.isOpen() && !b.isOpen());
        assertEquals(1000, a.closeStatus(), a.closeReason());
        assertEquals(1000, b.closeStatus());
        String printed = out.toString();
        assertTrue(printed.contains(Token.mask(A)) && printed.contains(Token.mask(B)), printed);
        assertFalse(printed.contains(A) || printed.contains(B), "a whole token was printed");
        assertTrue(printed.contains("Connections closed."), printed);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        StringWriter err = new StringWriter();
        Text.use("en");
        assertEquals(Cli.ERROR, Cli.run(new String[] {"keep-online", "--registry", registry.registry().toString(), A + "=70000"},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("must be 1 to 65535"), err.toString());
        assertFalse(err.toString().contains(A));
        assertEquals(Cli.ERROR, Cli.run(new String[] {"keep-online", "bad/token=8788"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("Not a token"), err.toString());
        assertEquals(0, registry.attemptCount());
    }

    @Test
    void exitsWithAnErrorWhenTheRegistryRejectsEveryToken() {
        registry.refuse(A, 403);
        StringWriter err = new StringWriter();
        int code = new CommandLine(new KeepOnlineCommand(Timing.DEFAULT, new CountDownLatch(1), false))
                .setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
                .execute("--registry", registry.registry().toString(), A + "=8788");
        assertEquals(Cli.ERROR, code);
        assertEquals(1, registry.attemptCount());
    }

    /** The real thing: a child JVM, SIGTERM, and the shutdown hook closing the socket with a close frame. */
    @Test
    void aTerminatedProcessClosesItsConnectionCleanly() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.tokendesk.Main", "keep-online", "--registry", registry.registry().toString(), A + "=8788");
        pb.redirectErrorStream(true);
        // Its history goes to a folder of the test's, not to the user's.
        pb.environment().put("TOKENDESK_HOME", childHome.toString());
        File log = File.createTempFile("keep-online", ".log");
        log.deleteOnExit();
        pb.redirectOutput(log);
        Process process = pb.start();
        try {
            RegistryFixture.await(Duration.ofSeconds(20), "child online", () -> registry.onlineCount() == 1);
            RegistryFixture.Connection connection = registry.connections(A).get(0);
            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "child exited");
            String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            RegistryFixture.await(Duration.ofSeconds(5), "closed", () -> !connection.isOpen());
            assertEquals(1000, connection.closeStatus(), output);
            assertFalse(output.contains(A), "a whole token was printed");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theCommandIsRegistered() {
        StringWriter out = new StringWriter();
        assertEquals(Cli.OK, Cli.run(new String[] {"keep-online", "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter())));
        assertTrue(out.toString().contains("TOKEN=PORT"), out.toString());
    }
}
