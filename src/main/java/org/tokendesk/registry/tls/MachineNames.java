package org.tokendesk.registry.tls;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The names and addresses a certificate for this machine covers. */
public record MachineNames(Set<String> dnsNames, Set<String> ipAddresses) {
    public MachineNames {
        dnsNames = Collections.unmodifiableSet(new TreeSet<>(dnsNames));
        ipAddresses = Collections.unmodifiableSet(new TreeSet<>(ipAddresses));
    }

    /** localhost, 127.0.0.1, ::1, the host name, and every address of an interface that is up. */
    public static MachineNames ofThisMachine() {
        Set<String> names = new TreeSet<>();
        Set<String> ips = new TreeSet<>();
        names.add("localhost");
        ips.add("127.0.0.1");
        ips.add(canonical("::1"));
        try {
            String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            if (!host.isEmpty() && !host.equals("localhost") && host.matches("[a-z0-9.-]+")) {
                names.add(host);
            }
        } catch (UnknownHostException e) {
            // A machine without a resolvable name still has its addresses.
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    // Link-local IPv6 addresses carry a scope and change across boots: no client dials them by name.
                    if (!address.isLinkLocalAddress() && !address.isLoopbackAddress()) {
                        ips.add(canonical(withoutScope(address.getHostAddress())));
                    }
                }
            }
        } catch (SocketException e) {
            // Loopback alone is still a working certificate.
        }
        return new MachineNames(names, ips);
    }

    private static String withoutScope(String ip) {
        int scope = ip.indexOf('%');
        return scope < 0 ? ip : ip.substring(0, scope);
    }

    static String canonical(String ip) {
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
