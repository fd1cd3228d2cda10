package org.tokendesk.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A registrant as a puppet service is one, on the JDK's WebSocket client: it answers port
 * questions with {@code port} (raw JSON text, so tests can answer {@code "abc"}; null: never answers), or answers
 * {@code getHostieGrpcPort} with method-not-found when told to, or stays silent.
 */
public final class Puppet implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<String> received = new CopyOnWriteArrayList<>();
    public final List<JsonNode> questions = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    public volatile String portJson;
    public volatile boolean onlyDraftMethod;
    public volatile boolean silent;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public Puppet(String portJson) {
        this.portJson = portJson;
    }

    public static Puppet connect(HttpClient client, URI uri, String token, String portJson, String advertisedHost) throws Exception {
        Puppet puppet = new Puppet(portJson);
        puppet.socket = client.newWebSocketBuilder()
                .header("Authorization", "Token " + token)
                .subprotocols("io|0.0.1|test-client|" + advertisedHost + "|8788")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, puppet).get(10, TimeUnit.SECONDS);
        return puppet;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            received.add(text);
            answer(webSocket, text);
        }
        webSocket.request(1);
        return null;
    }

    private void answer(WebSocket webSocket, String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            JsonNode payload = frame.path("payload");
            if (!frame.path("name").asText().equals("jsonrpc") || !payload.has("method")) {
                return;
            }
            questions.add(payload);
            if (silent || portJson == null) {
                return;
            }
            String id = payload.get("id").toString();
            String method = payload.get("method").asText();
            String reply = onlyDraftMethod && method.equals("getHostieGrpcPort")
                    ? "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}"
                    : "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + portJson + "}";
            synchronized (this) {
                webSocket.sendText("{\"name\":\"jsonrpc\",\"payload\":" + reply + "}", true).join();
            }
        } catch (Exception e) {
            // Not JSON: the registry's business, not the puppet's.
        }
    }

    public synchronized void send(String text) {
        socket.sendText(text, true).join();
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
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
