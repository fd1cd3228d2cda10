package org.tokendesk.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.tokendesk.token.Token;

/**
 * What a token says about itself before any network: its SNI, the provider its prefix names, and
 * signs that it was edited by hand. Holds no part of the secret beyond the SNI.
 */
public record TokenReading(Optional<String> sni, Provider provider, List<Warning> warnings) {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public TokenReading {
        warnings = List.copyOf(warnings);
    }

    /** Token prefixes seen in the wild (PROTOCOL.md) and who renews them. */
    public enum Provider {
        PADLOCAL("puppet_padlocal", Renewal.RPACHAT),
        WORKPRO("puppet_workpro", Renewal.RPACHAT),
        WXWORK("puppet_wxwork", Renewal.RPACHAT),
        PAIMON("puppet_paimon", Renewal.RPACHAT),
        /** The Donut provider closed in 2025: its tokens are not renewed. */
        DONUT("puppet_donut", Renewal.CLOSED),
        /** The default of {@code wechaty gateway} and the stock certificate's name: a self-run service. */
        INSECURE("insecure", Renewal.OWN_SERVICE),
        /** {@code wechaty-token generate}'s default type. */
        UUID("uuid", Renewal.OWN_SERVICE),
        /** Another prefix: a provider TokenDesk does not know. */
        OTHER("", Renewal.UNKNOWN),
        /** No {@code _} at all: a bare UUID or an old provider string. */
        NONE("", Renewal.UNKNOWN);

        private final String sni;
        private final Renewal renewal;

        Provider(String sni, Renewal renewal) {
            this.sni = sni;
            this.renewal = renewal;
        }

        public Renewal renewal() {
            return renewal;
        }
    }

    /** Where a token that stopped resolving is renewed. */
    public enum Renewal {
        /** Since 2025 the providers' tokens are sold and renewed through RPAChat (console token.rpachat.com). */
        RPACHAT,
        /** The provider has closed. */
        CLOSED,
        /** Your own puppet service (gateway or docker): it is offline, start it again. */
        OWN_SERVICE,
        UNKNOWN
    }

    public enum Warning {
        /** No SNI: modern SDKs refuse the token unless a server name is set. */
        NO_PREFIX,
        /** {@code insecure_} in front of another prefix or a provider token: the registry knows the token without it. */
        PREFIX_ADDED_BY_HAND,
        /** Upper case in the prefix: the SDK lower-cases the SNI, the registry keeps the exact token. */
        MIXED_CASE_PREFIX,
        /** A known prefix, but what follows is not a UUID, as providers issue them. */
        NOT_A_UUID_AFTER_PREFIX
    }

    public static TokenReading of(Token token) {
        String value = token.reveal();
        Optional<String> sni = token.sni();
        List<Warning> warnings = new ArrayList<>();
        if (sni.isEmpty()) {
            warnings.add(Warning.NO_PREFIX);
            return new TokenReading(sni, Provider.NONE, warnings);
        }
        String prefix = value.substring(0, value.lastIndexOf('_'));
        String rest = value.substring(value.lastIndexOf('_') + 1);
        Provider provider = providerOf(sni.get());
        if (sni.get().startsWith("insecure_")) {
            // insecure_puppet_padlocal_…, insecure_insecure_…: someone followed the SDK's hint onto a provider's token.
            warnings.add(Warning.PREFIX_ADDED_BY_HAND);
        }
        if (!prefix.equals(prefix.toLowerCase(Locale.ROOT))) {
            warnings.add(Warning.MIXED_CASE_PREFIX);
        }
        if (provider != Provider.OTHER && !UUID.matcher(rest).matches()) {
            warnings.add(Warning.NOT_A_UUID_AFTER_PREFIX);
        }
        return new TokenReading(sni, provider, warnings);
    }

    /** The provider named by the SNI; for a hand-added {@code insecure_}, the one under it. */
    static Provider providerOf(String sni) {
        String s = sni.startsWith("insecure_") ? sni.substring("insecure_".length()) : sni;
        for (Provider p : Provider.values()) {
            if (!p.sni.isEmpty() && p.sni.equals(s)) {
                return p;
            }
        }
        return Provider.OTHER;
    }

    public boolean warned() {
        return !warnings.isEmpty();
    }
}
