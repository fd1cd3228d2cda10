package org.tokendesk.chain;

import java.util.List;

import org.tokendesk.probe.ProbeConfig;

/**
 * What the SDK must be told about TLS to get the answer TokenDesk got: nothing, plaintext, another
 * server name, another CA. {@code verified}: a second probe with that setting got a health answer.
 */
record TransportFix(List<SdkFix.Setting> settings, boolean verified) {
    static final TransportFix NONE = new TransportFix(List.of(), true);

    TransportFix {
        settings = List.copyOf(settings);
    }

    static TransportFix plaintext(boolean verified) {
        return new TransportFix(List.of(new SdkFix.Setting(ProbeConfig.NO_TLS_VARIABLE, "true")), verified);
    }

    static TransportFix serverName(String name, boolean verified) {
        return new TransportFix(List.of(new SdkFix.Setting(ProbeConfig.SERVER_NAME_VARIABLE, name)), verified);
    }

    /** The CA is named by its subject; the user has its PEM from the provider, TokenDesk does not. */
    static TransportFix caCert(String issuer) {
        return new TransportFix(List.of(new SdkFix.Setting(ProbeConfig.CA_CERT_VARIABLE, "<PEM of " + issuer + ">")), false);
    }
}
