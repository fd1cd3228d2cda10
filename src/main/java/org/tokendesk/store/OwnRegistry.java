package org.tokendesk.store;

/**
 * Settings → "Registry on this computer": whether TokenDesk runs its own registry while the window
 * is open, where it listens ({@code this_computer}, {@code local_network}, {@code all_interfaces}),
 * on which port, and the allow-list file ("" for none: everyone may register).
 */
public record OwnRegistry(boolean on, String listen, int port, String allowList) {
    public static final int DEFAULT_PORT = 8780;
    public static final String THIS_COMPUTER = "this_computer";
    public static final OwnRegistry OFF = new OwnRegistry(false, THIS_COMPUTER, DEFAULT_PORT, "");

    public OwnRegistry {
        listen = listen == null || listen.isBlank() ? THIS_COMPUTER : listen;
        if (port < 1 || port > 65535) {
            port = DEFAULT_PORT;
        }
        allowList = allowList == null ? "" : allowList.strip();
    }

    public OwnRegistry switchedOn(boolean wanted) {
        return new OwnRegistry(wanted, listen, port, allowList);
    }
}
