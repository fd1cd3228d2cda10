package org.tokendesk.registration;

import org.tokendesk.discovery.Registry;
import org.tokendesk.token.Token;

/** A snapshot of one token in the keep-online engine: what listeners receive and the UI shows. */
public record KeptToken(Token token, Registry registry, int port, RegistrationState state, Verification verification,
                        LocalService localService) {
}
