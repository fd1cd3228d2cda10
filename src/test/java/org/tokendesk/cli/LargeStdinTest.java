package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.i18n.Text;
import org.tokendesk.testing.RegistryStub;

/** {@code check -} reads up to 16 MiB of anything in bounded memory, under the launcher's heap cap. */
class LargeStdinTest {
    private static final String TOKEN = "insecure_5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

    @TempDir
    Path home;

    private record Run(int exit, String output) {
    }

    /** The real launcher's heap: a child JVM with -Xmx128m and SerialGC, stdin from a file. */
    private Run child(Path stdin, String... args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-Duser.language=en",
                "-cp", System.getProperty("java.class.path"), "org.tokendesk.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TOKENDESK_HOME", home.toString());
        pb.redirectInput(stdin.toFile());
        Path log = home.resolve("out.log");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child finished");
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    @Timeout(120)
    void sixteenMebibytesOfRandomBytesAreRefusedInBoundedMemory() throws Exception {
        byte[] noise = new byte[CheckInput.MAX_STDIN_BYTES - 1];
        new Random(18).nextBytes(noise);
        Path file = home.resolve("noise.bin");
        Files.write(file, noise);
        Run run = child(file, "check", "--registry", "http://127.0.0.1:9", "-");
        assertEquals(Cli.ERROR, run.exit(), run.output().substring(0, Math.min(2000, run.output().length())));
        assertFalse(run.output().contains("OutOfMemoryError"), "out of memory");
        assertFalse(run.output().contains("\tat "), "a stack trace");
        assertTrue(run.output().lines().count() < 100, "repeats are summarised, not printed line by line: " + run.output().lines().count());
    }

    @Test
    @Timeout(120)
    void threeHundredThousandDuplicateLinesAreOneLookupAndOneSummary() throws Exception {
        Path file = home.resolve("dups.txt");
        Files.writeString(file, (TOKEN + "\n").repeat(300_000));
        try (RegistryStub stub = RegistryStub.start(2).register(TOKEN, "1.2.3.4", 8788)) {
            Run run = child(file, "check", "--registry", stub.url(), "-");
            assertEquals(Cli.OK, run.exit(), run.output().substring(0, Math.min(2000, run.output().length())));
            assertEquals(1, stub.requests());
            assertTrue(run.output().lines().count() < 40, "repeats are summarised: " + run.output().lines().count());
            assertTrue(run.output().contains("299,999") || run.output().contains("299999"), run.output());
        }
    }

    @Test
    void overTheCapIsExitTwoWithAClearMessage() {
        Text.use("en");
        byte[] big = new byte[CheckInput.MAX_STDIN_BYTES + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        CheckInput.Read read = CheckInput.read(List.of("-"), new ByteArrayInputStream(big));
        assertEquals(List.of(Text.get("cli.check.stdinTooLarge", 16)), read.problems());
        assertTrue(read.tokens().isEmpty());
    }

    @Test
    void notesAndProblemsStayBoundedHoweverManyLinesRepeat() throws IOException {
        Text.use("en");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            text.append(TOKEN).append('\n').append("OTHER_VAR=").append(i).append('\n').append("bad token ").append(i).append('\n');
        }
        CheckInput.Read read = CheckInput.read(List.of("-"), new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, read.tokens().size());
        assertTrue(read.notes().size() <= 2 * CheckInput.MAX_SHOWN + 2, "notes: " + read.notes().size());
        assertTrue(read.problems().size() <= CheckInput.MAX_SHOWN + 1, "problems: " + read.problems().size());
        assertTrue(String.join("\n", read.notes()).contains("49,999"), String.join("\n", read.notes()));
        assertTrue(String.join("\n", read.problems()).contains("49,990"), String.join("\n", read.problems()));
    }

    @Test
    void moreDifferentTokensThanOneRunChecksIsExitTwoWithAClearMessage() {
        Text.use("en");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= CheckInput.MAX_TOKENS; i++) {
            text.append(String.format("insecure_%08x-1e0f-4a9b-8c7d-6e5f4a3b2c1d%n", i));
        }
        CheckInput.Read read = CheckInput.read(List.of("-"), new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(Text.get("cli.check.tooManyTokens", CheckInput.MAX_TOKENS)), read.problems());
        assertTrue(read.tokens().isEmpty());
    }
}
