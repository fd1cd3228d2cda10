package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.net.Http;
import org.tokendesk.registry.tls.MachineCertificate;
import org.tokendesk.registry.tls.Pem;
import org.tokendesk.testing.Ports;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RegistryCommandTest {
    static final String TOKEN = "puppet_padlocal_5c0c4c34-6b3a-4f0e-9b1e-0d2a6c7e8f90";

    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), Map.of("TOKENDESK_HOME", home.toString()), Http.Timeouts.DISCOVERY);
        int code = Cli.run(args, context, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printCaPrintsTheCaKeptInTheConfigFolderAndExits0() throws Exception {
        Run run = cli("registry", "--print-ca");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("-----BEGIN CERTIFICATE-----"), run.out());
        Path ca = home.resolve("registry").resolve(MachineCertificate.CA_FILE);
        assertEquals(Pem.readCertificates(ca), Pem.readCertificates(run.out()));
        // The second time it is the same CA: clients that trust it keep trusting.
        assertEquals(run.out(), cli("registry", "--print-ca").out());
    }

    @Test
    void badInputIsExit2WithAClearMessageAndNoTokenEchoed() throws Exception {
        Run listen = cli("registry", "--listen", "example.org:99999");
        assertEquals(2, listen.code());
        assertTrue(listen.err().contains("--listen"), listen.err());
        Run half = cli("registry", "--cert", "a.pem");
        assertEquals(2, half.code());
        Path allow = home.resolve("allow.txt");
        Files.writeString(allow, TOKEN + "\nnot a token with spaces\n");
        Run bad = cli("registry", "--allow", allow.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("line 2"), bad.err());
        TokenLeaks.of(Token.of(TOKEN)).assertNoneIn("stderr", bad.err());
    }

    /** A real child process: SIGTERM sends every registrant a close frame before the JVM exits. */
    @Test
    void sigtermClosesEveryRegistrantWithACloseFrameAndNoTokenShowsWhole() throws Exception {
        int port = Ports.closed();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.tokendesk.Main", "registry", "--listen", "127.0.0.1:" + port, "--plain");
        builder.environment().put("TOKENDESK_HOME", home.toString());
        builder.redirectErrorStream(true);
        // To a file: Process.destroy() closes our end of a pipe, and the lines printed while stopping would be lost.
        builder.redirectOutput(home.resolve("child.txt").toFile());
        Process child = builder.start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuilder all = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new TailInput(home.resolve("child.txt"), child), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (all) {
                        all.append(line).append('\n');
                    }
                    lines.add(line);
                }
            } catch (Exception e) {
                // The child ended.
            }
        });
        reader.start();
        try {
            String first = lines.poll(60, TimeUnit.SECONDS);
            assertTrue(first != null && first.contains("127.0.0.1:" + port), String.valueOf(first));
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Token " + TOKEN).subprotocols("io|0.0.1|child-test||8788")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v0/websocket"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            frames.add(data.toString());
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                            closeCode.complete(statusCode);
                            return null;
                        }
                    }).get(20, TimeUnit.SECONDS);
            assertEquals("{\"name\":\"sys\",\"payload\":\"registered\"}", frames.poll(20, TimeUnit.SECONDS));
            String online = lines.poll(20, TimeUnit.SECONDS);
            assertTrue(online != null && online.contains(Token.mask(TOKEN)) && online.contains("online"), String.valueOf(online));
            child.destroy();
            assertEquals(1001, closeCode.get(20, TimeUnit.SECONDS));
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            socket.abort();
            reader.join(10_000);
        } finally {
            child.destroyForcibly();
            reader.join(5000);
        }
        String output;
        synchronized (all) {
            output = all.toString();
        }
        assertTrue(output.contains("Registry stopped"), output + " exit " + child.exitValue());
        TokenLeaks.of(Token.of(TOKEN)).assertNoneIn("registry output", output);
        TokenLeaks.of(Token.of(TOKEN)).assertNoneUnder(home);
    }
}
