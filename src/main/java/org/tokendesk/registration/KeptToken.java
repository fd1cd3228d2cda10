package org.tokendesk.registration;

import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Hosts;
import org.tokendesk.token.Token;

/** A snapshot of one token in the keep-online engine: what listeners receive and the UI shows. */
public record KeptToken(Token token, Registry registry, int port, RegistrationState state, Verification verification,
                        LocalService localService) {

    /** Online, but a remote registry hands out loopback: its TCP test of the service failed. */
    public boolean unreachableFromRegistry() {
        boolean loopbackRegistry = registry != null && registry.isLoopback();
        return !loopbackRegistry && state instanceof RegistrationState.Online online && online.handsOutLoopback();
    }
}
