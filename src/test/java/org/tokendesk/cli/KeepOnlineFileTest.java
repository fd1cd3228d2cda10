package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.tokendesk.i18n.Text;
import org.tokendesk.registration.Timing;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.token.Token;

class KeepOnlineFileTest {
    static final String A = "insecure_file-a-5c0c4c34-1f1e-4a52-9c0b-7b5d2a1e9f00";
    static final String B = "puppet_padlocal_fileb0d1e2f3a4b5c4d6e8f708192a3b4c5d6";

    @BeforeEach
    void english() {
        Text.use("en");
    }

    @Test
    void readsTokenPortLinesCommentsAndPasteForms() {
        KeepOnlineFile.Read read = KeepOnlineFile.parse(String.join("\n",
                "# my customers", "", A + "=8801", "  \"" + B + "\" = 8802  ", "export WECHATY_PUPPET_SERVICE_TOKEN=insecure_c-1", A + "=9999"), "list.txt");
        assertEquals(Map.of(Token.of(A), 8801, Token.of(B), 8802, Token.of("insecure_c-1"), 8788), read.wanted());
        assertEquals(List.of(Token.of(A), Token.of(B), Token.of("insecure_c-1")), List.copyOf(read.wanted().keySet()));
        assertEquals(List.of(), read.problems());
        assertEquals(1, read.notes().size());
        assertTrue(read.notes().get(0).startsWith("list.txt, line 6: "), read.notes().toString());
        assertFalse(read.notes().get(0).contains(A));
    }

    @Test
    void badLinesAreNamedByLineAndStopEverything() {
        KeepOnlineFile.Read read = KeepOnlineFile.parse(String.join("\n", A + "=70000", "bad token=8788", "OTHER_VARIABLE=x", B + "=0"), "list.txt");
        assertEquals(4, read.problems().size(), read.problems().toString());
        assertTrue(read.problems().get(0).startsWith("list.txt, line 1: ") && read.problems().get(0).contains("must be 1 to 65535"), read.problems().get(0));
        assertTrue(read.problems().get(1).startsWith("list.txt, line 2: "), read.problems().get(1));
        assertTrue(read.problems().get(3).contains("must be 1 to 65535"), read.problems().get(3));
        for (String p : read.problems()) {
            assertFalse(p.contains(A) || p.contains(B), p);
        }
        assertEquals(List.of("list.txt holds no TOKEN=PORT line."), KeepOnlineFile.parse("# nothing\n\n", "list.txt").problems());
    }

    @Test
    void missingFilesAndTooMuchInputAreRefused(@TempDir Path dir) throws Exception {
        assertEquals(List.of("No such file: " + dir.resolve("none.txt")), KeepOnlineFile.read(dir.resolve("none.txt").toString(), null).problems());
        byte[] huge = new byte[KeepOnlineFile.MAX_BYTES + 1];
        assertTrue(KeepOnlineFile.read("-", new ByteArrayInputStream(huge)).problems().get(0).contains("larger than 16 MiB"));
        Path list = dir.resolve("list.txt");
        Files.writeString(list, A + "=8801\n");
        assertEquals(Map.of(Token.of(A), 8801), KeepOnlineFile.read(list.toString(), null).wanted());
    }

    @Test
    @Timeout(60)
    void theCommandKeepsEveryTokenOfStandardInputOnline() throws Exception {
        try (RegistryFixture registry = RegistryFixture.start()) {
            StringWriter out = new StringWriter();
            CountDownLatch signal = new CountDownLatch(1);
            KeepOnlineCommand command = new KeepOnlineCommand(Timing.DEFAULT, signal, false);
            command.stdin = new ByteArrayInputStream((A + "=8801\n# comment\n" + B + "=8802\n").getBytes(StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(command);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--registry", registry.registry().toString(), "--from", "-"));
            RegistryFixture.await(Duration.ofSeconds(20), "both online", () -> registry.onlineCount() == 2);
            assertEquals(8802, registry.queryPort(B).port().asInt());
            signal.countDown();
            assertEquals(Cli.OK, exit.get(10, TimeUnit.SECONDS));
            assertFalse(out.toString().contains(A) || out.toString().contains(B), "a whole token was printed");
        }
    }

    @Test
    void withoutTokensOrFileTheCommandSaysWhatToGive() {
        StringWriter err = new StringWriter();
        assertEquals(Cli.ERROR, Cli.run(new String[] {"keep-online"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("--from FILE"), err.toString());
    }
}
