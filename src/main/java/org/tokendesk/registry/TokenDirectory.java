package org.tokendesk.registry;

import java.util.List;

import org.tokendesk.token.Token;

/**
 * Who is online for which token. In memory now; a shared store later, so that several registry
 * nodes can serve one community.
 */
public interface TokenDirectory {
    void add(Registrant registrant);

    void remove(Registrant registrant);

    /** Open connections of the token, newest first. */
    List<Registrant> online(Token token);

    /** Every open connection, newest first. */
    List<Registrant> all();

    int size();
}
