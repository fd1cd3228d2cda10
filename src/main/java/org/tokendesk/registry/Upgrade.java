package org.tokendesk.registry;

import java.util.List;
import java.util.Optional;

import org.tokendesk.protocol.SubProtocol;
import org.tokendesk.protocol.TokenCredential;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenSyntax;

/**
 * Reads a WebSocket upgrade to {@code /v0/websocket} with org.tokendesk.protocol: the token
 * ({@code Authorization: Token …} or a path ending in {@code /token/<t>}) and the first offered
 * {@code io|0.0.1|id|host|port} sub-protocol.
 */
final class Upgrade {
    private Upgrade() {
    }

    /** What the registry takes from the sub-protocol; its 5th field (port) is not used, as in the protocol. */
    record Io(String offered, String clientId, String advertisedHost) {
    }

    /** The token as given, valid or not (masked in events either way). */
    static Optional<String> token(String authorization, String decodedPath) {
        return TokenCredential.read(authorization, decodedPath) instanceof TokenCredential.Found found
                ? Optional.of(found.credential().token()) : Optional.empty();
    }

    static Optional<Token> validToken(Optional<String> text) {
        return text.filter(t -> TokenSyntax.check(t).isEmpty()).map(Token::of);
    }

    /** The first offered {@code io} sub-protocol; others ({@code web|…}) are not served. */
    static Optional<Io> io(List<String> offered) {
        for (String protocol : offered) {
            if (SubProtocol.parse(protocol) instanceof SubProtocol.Ok ok && ok.value().isIo()) {
                String host = ok.value().host();
                return Optional.of(new Io(protocol, ok.value().clientId(), validHost(host) ? host : ""));
            }
        }
        return Optional.empty();
    }

    /** A host name or IP literal; anything else is ignored and the client's address handed out. */
    static boolean validHost(String host) {
        return !host.isEmpty() && host.length() <= 253 && host.matches("[A-Za-z0-9.:\\-\\[\\]]+");
    }
}
