package org.tokendesk.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.tokendesk.testing.RegistryStub;

/**
 * The benchmark's registry: a loopback stub that resolves the benchmark tokens, in its own process
 * so that TokenDesk and curl ask the same server. Writes the tokens and its URL to a folder, then
 * serves until killed or for at most {@code seconds}. {@code delayMs} holds every answer back, as a
 * registry across the internet would (its round trip and its own test of the service).
 * Usage: StubServer DIR [COUNT] [SECONDS] [DELAY_MS]
 */
public final class StubServer {
    private StubServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 600;
        long delayMs = args.length > 3 ? Long.parseLong(args[3]) : 0;
        List<String> tokens = BenchTokens.make(count);
        try (RegistryStub stub = RegistryStub.start(32)) {
            for (int i = 0; i < tokens.size(); i++) {
                stub.register(tokens.get(i), "10.0." + (i / 250) + "." + (i % 250 + 1), 8788);
            }
            if (delayMs > 0) {
                stub.handle(exchange -> {
                    try {
                        Thread.sleep(delayMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    stub.answerFromTable(exchange);
                });
            }
            Files.createDirectories(dir);
            Files.write(dir.resolve("tokens.txt"), tokens, StandardCharsets.UTF_8);
            StringBuilder curl = new StringBuilder();
            for (String token : tokens) {
                curl.append("url = \"").append(stub.url()).append("/v0/hosties/").append(token).append("\"\noutput = \"/dev/null\"\n");
            }
            Files.writeString(dir.resolve("curl.cfg"), curl);
            Files.writeString(dir.resolve("url"), stub.url());
            System.out.println(stub.url());
            Thread.sleep(seconds * 1000);
        }
    }
}
