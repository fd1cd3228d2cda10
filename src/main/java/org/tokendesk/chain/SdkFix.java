package org.tokendesk.chain;

import java.util.List;

/**
 * The settings one SDK needs to get through the chain as TokenDesk did, e.g.
 * {@code WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true}. {@code verified}: TokenDesk probed
 * again with these settings and the service answered (and took the token).
 */
public record SdkFix(Sdk sdk, List<Setting> settings, boolean verified) {
    public SdkFix {
        settings = List.copyOf(settings);
    }

    public enum Sdk {
        /** wechaty-puppet-service on npm (wechaty-token for discovery). */
        NODE,
        /** go-wechaty. */
        GO,
        /** python-wechaty-puppet-service: asks api.chatie.io whatever the authority says. */
        PYTHON,
        /** java wechaty-puppet-hostie: asks api.chatie.io and dials plaintext gRPC. */
        JAVA
    }

    /** One variable and its value. Never the token. */
    public record Setting(String variable, String value) {
        public String line() {
            return variable + "=" + value;
        }
    }

    public boolean needsNothing() {
        return settings.isEmpty();
    }
}
