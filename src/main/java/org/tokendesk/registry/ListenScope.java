package org.tokendesk.registry;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.tokendesk.registry.tls.MachineNames;

/**
 * Who can reach the registry: this computer only (loopback, the default), the local network (this
 * machine's private LAN address), or every interface.
 */
public enum ListenScope {
    THIS_COMPUTER, LOCAL_NETWORK, ALL_INTERFACES;

    /** How settings save it. */
    public String saved() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A saved value; anything unknown is this computer only, the safe reading. */
    public static ListenScope fromSaved(String saved) {
        for (ListenScope s : values()) {
            if (s.saved().equals(saved)) {
                return s;
            }
        }
        return THIS_COMPUTER;
    }

    /** The address to bind; empty for the local network when this machine has no private LAN address. */
    public Optional<InetSocketAddress> bind(int port) {
        return switch (this) {
            case THIS_COMPUTER -> Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            case ALL_INTERFACES -> Optional.of(new InetSocketAddress("0.0.0.0", port));
            case LOCAL_NETWORK -> lanAddress().map(a -> new InetSocketAddress(a, port));
        };
    }

    /** The host other machines (or this one) dial to reach the registry bound as {@link #bind}. */
    public String dialHost(InetSocketAddress bound) {
        if (this == ALL_INTERFACES) {
            return lanAddress().map(InetAddress::getHostAddress).orElse("127.0.0.1");
        }
        return bound.getAddress() == null ? bound.getHostString() : bound.getAddress().getHostAddress();
    }

    /** Every name by which this computer reaches the registry it runs, for trusting its CA there only. */
    public Set<String> ownNames(InetSocketAddress bound) {
        Set<String> names = new TreeSet<>();
        if (this == ALL_INTERFACES) {
            MachineNames machine = MachineNames.ofThisMachine();
            names.addAll(machine.dnsNames());
            names.addAll(machine.ipAddresses());
        } else if (this == THIS_COMPUTER) {
            names.add("localhost");
            names.add("127.0.0.1");
        } else {
            names.add(dialHost(bound));
        }
        return names;
    }

    /** The first private (site-local) IPv4 address of an interface that is up: what a LAN reaches this machine by. */
    static Optional<InetAddress> lanAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces to read: no LAN address.
        }
        return Optional.empty();
    }
}
