package org.tokendesk.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a host string means: the app's one answer to "is this loopback?" and "how is host:port written?". */
public final class Hosts {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

    private Hosts() {
    }

    /**
     * {@code localhost}, {@code 127.0.0.0/8}, {@code ::1} in any spelling, and IPv4-mapped loopback
     * ({@code ::ffff:127.0.0.1}), with or without brackets. A name such as {@code 127.example.com} is not.
     * Never asks DNS.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = unbracketed(host.strip()).toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (!IPV4.matcher(h).matches() && !IPV6.matcher(h).matches()) {
            return false;
        }
        try {
            // A literal: InetAddress parses it without a lookup, and maps ::ffff:a.b.c.d to IPv4.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code host:port}, with an IPv6 host in brackets as URLs and the SDKs write it. */
    public static String hostPort(String host, int port) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
