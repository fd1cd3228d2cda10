package org.tokendesk.chain;

import java.util.List;
import java.util.Optional;

/**
 * The settings one SDK needs to get through the chain as TokenDesk did, e.g.
 * {@code WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true}. {@code verified}: TokenDesk probed
 * again with these settings and the service answered (and took the token). {@code onService}: what
 * the puppet service itself must be started with before this SDK can reach it at all (Go, Python
 * and Java dial plaintext only, and a service serves TLS or plaintext, never both).
 */
public record SdkFix(Sdk sdk, List<Setting> settings, boolean verified, Optional<Setting> onService) {
    /** The service variable that makes it serve plaintext (wechaty-puppet-service's PuppetServer reads it). */
    public static final String SERVICE_PLAINTEXT_VARIABLE = "WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_SERVER";

    public SdkFix {
        settings = List.copyOf(settings);
    }

    public SdkFix(Sdk sdk, List<Setting> settings, boolean verified) {
        this(sdk, settings, verified, Optional.empty());
    }

    public enum Sdk {
        /** wechaty-puppet-service on npm (wechaty-token for discovery). */
        NODE,
        /**
         * go-wechaty: reads the authority, but dials plaintext whatever is set (TLS is hard-coded off since
         * 2023-09, wechaty-puppet-service/puppet_service.go) and sends the token as {@code :authority}; it still
         * refuses a token without SNI unless TLS_SERVER_NAME is set.
         */
        GO,
        /** python-wechaty-puppet-service: asks api.chatie.io whatever the authority says, dials plaintext (grpclib, no ssl). */
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
        return settings.isEmpty() && onService.isEmpty();
    }
}
