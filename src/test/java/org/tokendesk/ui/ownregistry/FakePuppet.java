package org.tokendesk.ui.ownregistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A puppet service's registration, spoken by hand on the JDK's WebSocket: the {@code io} sub-protocol
 * and token header, and an answer to every port question with {@code port}.
 */
final class FakePuppet implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final int port;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private FakePuppet(int port) {
        this.port = port;
    }

    static FakePuppet register(HttpClient client, int registryPort, String token, int grpcPort) throws Exception {
        FakePuppet puppet = new FakePuppet(grpcPort);
        puppet.socket = client.newWebSocketBuilder()
                .header("Authorization", "Token " + token)
                .subprotocols("io|0.0.1|fake-puppet||" + grpcPort)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + registryPort + "/v0/websocket"), puppet).get(10, TimeUnit.SECONDS);
        return puppet;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode frame = JSON.readTree(text);
                JsonNode payload = frame.path("payload");
                if (frame.path("name").asText().equals("jsonrpc") && payload.has("method")) {
                    String reply = "{\"jsonrpc\":\"2.0\",\"id\":" + payload.get("id") + ",\"result\":" + port + "}";
                    webSocket.sendText("{\"name\":\"jsonrpc\",\"payload\":" + reply + "}", true);
                }
            } catch (Exception e) {
                // Not JSON: nothing to answer.
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
