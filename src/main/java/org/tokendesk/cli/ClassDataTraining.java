package org.tokendesk.cli;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.tokendesk.net.Http;

/**
 * A short run of the CLI's usual paths, made once at install time under
 * {@code -XX:ArchiveClassesAtExit} (packaging/linux/share-classes.sh), so that later runs map the
 * classes it loaded from a class-data-sharing archive instead of loading them from the jars: a
 * one-token {@code tokendesk check} starts about 0.2 s sooner (BENCHMARKS.md). The registry it asks
 * is a loopback socket answering as a registry does; nothing leaves the machine and nothing is saved.
 */
public final class ClassDataTraining {
    static final String REGISTERED = "insecure_00000000-0000-4000-8000-000000000001";
    static final String UNKNOWN = "insecure_00000000-0000-4000-8000-000000000002";

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        List<Integer> codes = train();
        System.out.println("class-data training: exit codes " + codes);
    }

    /** The CLI's exit codes, run after run: resolves, JSON with one not registered, bad input, TLS set-up. */
    static List<Integer> train() throws IOException {
        Path home = Files.createTempDirectory("tokendesk-training");
        try (ServerSocket registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerAll(registry), "training-registry");
            answering.setDaemon(true);
            answering.start();
            String url = "http://127.0.0.1:" + registry.getLocalPort();
            Map<String, String> env = Map.of("TOKENDESK_HOME", home.toString(), "TOKENDESK_KEYRING", "off");
            return List.of(
                    run(env, "", "check", "--registry", url, REGISTERED),
                    run(env, REGISTERED + "\n" + UNKNOWN + "\n", "check", "--json", "--registry", url, "-"),
                    run(env, "", "check", "--registry", url, "not/a/token"),
                    // An https registry where nothing listens: the TLS set-up, then a refused connection.
                    run(env, "", "check", "--registry", "https://127.0.0.1:" + closedPort(), REGISTERED));
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int run(Map<String, String> env, String stdin, String... args) {
        CliContext context = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env,
                Http.Timeouts.DISCOVERY);
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        return Cli.run(args, context, nowhere, nowhere);
    }

    /** Answers as the registry does: the registered token resolves, any other is 404. */
    private static void answerAll(ServerSocket registry) {
        while (!registry.isClosed()) {
            try (Socket s = registry.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String request = in.readLine();
                for (String line = request; line != null && !line.isEmpty(); line = in.readLine()) {
                    // The headers: read to the blank line.
                }
                boolean known = request != null && request.contains(REGISTERED);
                String body = known ? "{\"host\":\"192.0.2.1\",\"ip\":\"192.0.2.1\",\"port\":8788}" : "{}";
                String status = known ? "200 OK" : "404 Not Found";
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                if (!registry.isClosed()) {
                    System.err.println("class-data training: " + e.getMessage());
                }
            }
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
