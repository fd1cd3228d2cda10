package org.tokendesk.registry;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the registry runs.
 *
 * @param listen      where (default 127.0.0.1:8780: other machines only when the user asks)
 * @param plain       http/ws only; otherwise https/wss and http/ws on the one port, told apart by the first bytes
 * @param certificate the user's PEM certificate and key; empty: the registry's own CA in {@code tlsFolder}
 * @param tlsFolder   where the registry's own CA and server certificate live
 * @param statusOpen  the status JSON answers other machines too (default: loopback clients only)
 */
public record RegistryOptions(InetSocketAddress listen, boolean plain, Optional<CertificateFiles> certificate,
                              Path tlsFolder, AllowList allow, ClientAddress clientAddress, Limits limits,
                              boolean statusOpen) {
    public static final int DEFAULT_PORT = 8780;

    public record CertificateFiles(Path certificate, Path key) {
    }

    public static RegistryOptions defaults(Path tlsFolder) {
        return new RegistryOptions(new InetSocketAddress("127.0.0.1", DEFAULT_PORT), false, Optional.empty(), tlsFolder,
                AllowList.EVERYONE, ClientAddress.NO_PROXIES, Limits.DEFAULT, false);
    }

    public RegistryOptions listenOn(InetSocketAddress address) {
        return new RegistryOptions(address, plain, certificate, tlsFolder, allow, clientAddress, limits, statusOpen);
    }

    public RegistryOptions plainOnly(boolean plainOnly) {
        return new RegistryOptions(listen, plainOnly, certificate, tlsFolder, allow, clientAddress, limits, statusOpen);
    }

    public RegistryOptions withCertificate(Optional<CertificateFiles> files) {
        return new RegistryOptions(listen, plain, files, tlsFolder, allow, clientAddress, limits, statusOpen);
    }

    public RegistryOptions withAllow(AllowList list) {
        return new RegistryOptions(listen, plain, certificate, tlsFolder, list, clientAddress, limits, statusOpen);
    }

    public RegistryOptions withClientAddress(ClientAddress address) {
        return new RegistryOptions(listen, plain, certificate, tlsFolder, allow, address, limits, statusOpen);
    }

    public RegistryOptions withLimits(Limits l) {
        return new RegistryOptions(listen, plain, certificate, tlsFolder, allow, clientAddress, l, statusOpen);
    }

    public RegistryOptions withStatusOpen(boolean open) {
        return new RegistryOptions(listen, plain, certificate, tlsFolder, allow, clientAddress, limits, open);
    }
}
