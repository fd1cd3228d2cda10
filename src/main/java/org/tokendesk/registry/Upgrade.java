package org.tokendesk.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.tokendesk.token.Token;
import org.tokendesk.token.TokenSyntax;

/**
 * Reads a WebSocket upgrade to {@code /v0/websocket}: the token ({@code Authorization: Token …}
 * or a path ending in {@code /token/<t>}) and the {@code io|0.0.1|id|host|port} sub-protocol.
 * Stand-in parsing until org.tokendesk.protocol lands on main.
 */
final class Upgrade {
    private Upgrade() {
    }

    /** The sub-protocol's fields that the registry uses: the 5th (port) is not, as in the protocol. */
    record IoProtocol(String offered, String clientId, String advertisedHost) {
    }

    static Optional<String> token(String authorization, String decodedPath) {
        if (authorization != null) {
            String[] parts = authorization.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("token") && !parts[1].isBlank()) {
                return Optional.of(parts[1].strip());
            }
        }
        int at = decodedPath.indexOf("/token/");
        if (at >= 0 && decodedPath.length() > at + 7) {
            return Optional.of(decodedPath.substring(at + 7));
        }
        return Optional.empty();
    }

    static Optional<Token> validToken(Optional<String> text) {
        return text.filter(t -> TokenSyntax.check(t).isEmpty()).map(Token::of);
    }

    /** The first offered sub-protocol that is {@code io|…}; others ({@code web|…}) are not served. */
    static Optional<IoProtocol> io(List<String> offered) {
        for (String protocol : offered) {
            String[] fields = protocol.split("\\|", -1);
            if (fields.length >= 2 && fields[0].equals("io")) {
                String id = fields.length > 2 ? fields[2] : "";
                String host = fields.length > 3 ? fields[3].strip() : "";
                return Optional.of(new IoProtocol(protocol, id, validHost(host) ? host : ""));
            }
        }
        return Optional.empty();
    }

    /** A host name or IP literal; anything else is ignored and the client's address handed out. */
    static boolean validHost(String host) {
        return !host.isEmpty() && host.length() <= 253 && host.matches("[A-Za-z0-9.:\\-\\[\\]]+");
    }
}
