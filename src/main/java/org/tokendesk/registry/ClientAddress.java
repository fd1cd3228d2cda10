package org.tokendesk.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client's address as the registry hands it out: the socket's peer, or, when that peer is a
 * proxy the user trusts, the last address in {@code X-Forwarded-For} that is not a trusted proxy.
 * Anyone can write the header, so it is never read from anyone else.
 */
public record ClientAddress(Set<String> trustedProxies) {
    public static final ClientAddress NO_PROXIES = new ClientAddress(Set.of());
    /** Digits, hex, dots and colons only: parsing such a literal never triggers a DNS lookup. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public ClientAddress {
        trustedProxies = Set.copyOf(trustedProxies.stream().map(ClientAddress::canonical).toList());
    }

    public String of(String peer, List<String> forwardedFor) {
        String address = canonical(peer);
        if (!trustedProxies.contains(address) || forwardedFor.isEmpty()) {
            return address;
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!IP_LITERAL.matcher(hop).matches()) {
                // A hop we cannot read: the trusted proxy's own peer is the best we know.
                return address;
            }
            String canonical = canonical(hop);
            if (!trustedProxies.contains(canonical)) {
                return canonical;
            }
            address = canonical;
        }
        return address;
    }

    /** An IP literal in its usual form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}); anything else as it is. */
    static String canonical(String ip) {
        String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        if (!IP_LITERAL.matcher(bare).matches()) {
            return bare;
        }
        try {
            String text = InetAddress.getByName(bare).getHostAddress();
            return text.equals("0:0:0:0:0:0:0:1") ? "::1" : text;
        } catch (UnknownHostException e) {
            return bare;
        }
    }
}
