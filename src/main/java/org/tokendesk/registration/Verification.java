package org.tokendesk.registration;

import java.util.Optional;

import org.tokendesk.discovery.Lookup;

/** What discovery says about a token we keep online: does it lead back to us? */
public sealed interface Verification {

    record NotChecked() implements Verification {
    }

    record Checking() implements Verification {
    }

    /** The token resolves to {@code host:port}, the port we advertise. */
    record Verified(String host, int port) implements Verification {
    }

    /**
     * The token resolves to another port: another program registered the token before us (the
     * registry asks the oldest connection), or a stale connection of ours still lingers there.
     */
    record OtherPort(String host, int port, int expected) implements Verification {
    }

    /** The registry does not know the token although we are connected. */
    record NotRegistered(int status) implements Verification {
    }

    /** Registered, but the registry's TCP test of our address failed (it answered 127.0.0.1). */
    record Unreachable(Optional<String> publicIp, int port) implements Verification {
    }

    /** The lookup itself failed. */
    record Failed(Lookup.Failed lookup) implements Verification {
    }

    /** Reads a lookup made while we were online with {@code expectedPort}. */
    static Verification of(Lookup lookup, int expectedPort) {
        if (lookup instanceof Lookup.Resolved r) {
            return r.port() == expectedPort ? new Verified(r.host(), r.port()) : new OtherPort(r.host(), r.port(), expectedPort);
        }
        if (lookup instanceof Lookup.Unreachable u) {
            return new Unreachable(Optional.ofNullable(u.publicIp()), u.port());
        }
        if (lookup instanceof Lookup.NotRegistered n) {
            return new NotRegistered(n.status());
        }
        return new Failed((Lookup.Failed) lookup);
    }
}
