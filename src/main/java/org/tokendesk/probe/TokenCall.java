package org.tokendesk.probe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import org.tokendesk.Version;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenScrubber;

/**
 * {@code wechaty.Puppet/Version} with the token, as the SDK sends it: metadata
 * {@code authorization: Wechaty <token>} and the whole token as the HTTP/2 {@code :authority}
 * (which plaintext puppet services read when the metadata is missing). The request is empty and the
 * answer one short string, so it is the cheapest call that proves the token is accepted.
 */
final class TokenCall {
    /** The method's full name in wechaty-grpc 1.5 ({@code package wechaty; service Puppet; rpc Version}). */
    static final String PATH = "wechaty.Puppet/Version";
    static final int MAX_VERSION_CHARS = 100;
    private static final MediaType GRPC = MediaType.get(HealthWire.CONTENT_TYPE);

    private TokenCall() {
    }

    /** Runs on {@code client}, the one the health check just used, so it rides the same connection. */
    static TokenCheck check(OkHttpClient client, HttpUrl healthUrl, Token token, long timeoutMillis) {
        HttpUrl url = healthUrl.newBuilder().encodedPath("/" + PATH).build();
        Request request = new Request.Builder()
                .url(url)
                // OkHttp sends a Host header as HTTP/2's :authority.
                .header("Host", token.reveal())
                .header("authorization", "Wechaty " + token.reveal())
                .header("te", "trailers")
                .header("user-agent", "tokendesk-probe/" + Version.current())
                .header("grpc-timeout", timeoutMillis + "m")
                .post(RequestBody.create(HealthWire.EMPTY_REQUEST, GRPC))
                .build();
        try (Response response = client.newCall(request).execute()) {
            return interpret(response, token);
        } catch (InterruptedIOException e) {
            return new TokenCheck.Failed("timeout");
        } catch (IOException e) {
            return new TokenCheck.Failed(masked(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), token));
        }
    }

    private static TokenCheck interpret(Response response, Token token) throws IOException {
        if (response.protocol() != Protocol.HTTP_2 && response.protocol() != Protocol.H2_PRIOR_KNOWLEDGE) {
            return new TokenCheck.Failed("the server speaks " + response.protocol());
        }
        Optional<Integer> status = HealthWire.status(response.header("grpc-status"));
        String message = HealthWire.message(response.header("grpc-message"));
        BufferedSource source = response.body().source();
        if (source.request(Probe.MAX_BODY_BYTES + 1L)) {
            return new TokenCheck.Failed("answer over " + Probe.MAX_BODY_BYTES + " bytes");
        }
        byte[] body = source.getBuffer().readByteArray();
        if (status.isEmpty()) {
            status = HealthWire.status(response.trailers().get("grpc-status"));
            message = HealthWire.message(response.trailers().get("grpc-message"));
        }
        if (status.isEmpty()) {
            return new TokenCheck.Failed("no grpc-status in the answer (HTTP " + response.code() + ")");
        }
        String said = masked(message, token);
        switch (status.get()) {
            case 0:
                return new TokenCheck.Accepted(version(body).map(v -> masked(v, token)).orElse(""));
            case TokenCheck.UNAUTHENTICATED:
                return new TokenCheck.Rejected(said);
            case TokenCheck.UNIMPLEMENTED:
                return new TokenCheck.NoSuchMethod(said);
            default:
                return new TokenCheck.OtherStatus(status.get(), said);
        }
    }

    /** {@code message VersionResponse { string version = 1; }} in one gRPC frame; empty when absent or unreadable. */
    static Optional<String> version(byte[] body) {
        if (body.length < 5 || body[0] != 0) {
            return Optional.empty();
        }
        int pos = 5;
        // Field 1, wire type 2 (length-delimited): the key byte 0x0a.
        if (pos < body.length && (body[pos++] & 0xff) == 0x0a) {
            int length = 0;
            int shift = 0;
            while (pos < body.length && shift < 28) {
                int b = body[pos++] & 0xff;
                length |= (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (length < 0 || pos + length > body.length) {
                return Optional.empty();
            }
            String text = new String(body, pos, length, StandardCharsets.UTF_8);
            return Optional.of(text.length() > MAX_VERSION_CHARS ? text.substring(0, MAX_VERSION_CHARS) + "…" : text);
        }
        return Optional.empty();
    }

    /** The stock service answers {@code Invalid Wechaty TOKEN "<the token sent>"}: masked before it goes anywhere. */
    private static String masked(String text, Token token) {
        return TokenScrubber.scrubTokenShaped(TokenScrubber.scrub(text, token));
    }
}
