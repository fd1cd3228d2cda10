package org.tokendesk.everywhere;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;

/** What one registry said about the token. */
public record RegistryOutcome(Registry registry, Lookup lookup) {
    /** The registry knows the token, whether or not it can reach the service behind it. */
    public boolean registered() {
        return lookup instanceof Lookup.Resolved || lookup instanceof Lookup.Unreachable;
    }

    public boolean failed() {
        return lookup instanceof Lookup.Failed;
    }
}
