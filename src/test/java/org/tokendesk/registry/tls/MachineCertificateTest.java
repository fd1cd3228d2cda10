package org.tokendesk.registry.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineCertificateTest {
    static final MachineNames HERE = new MachineNames(Set.of("localhost", "desk"), Set.of("127.0.0.1", MachineNames.canonical("::1"), "192.0.2.10"));

    @TempDir
    Path folder;

    MachineCertificate at(Instant now) {
        return new MachineCertificate(folder, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void firstStartMakesACaAndAServerCertificateForEveryNameWithOwnerOnlyKeys() throws Exception {
        MachineCertificate.Outcome outcome = at(Instant.now()).ensure(HERE);
        assertEquals(MachineCertificate.Made.CA_AND_SERVER, outcome.made());
        X509Certificate server = outcome.identity().chain().get(0);
        X509Certificate ca = outcome.identity().ownCa().orElseThrow();
        assertEquals(HERE, MachineCertificate.namesIn(server));
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        assertEquals(-1, server.getBasicConstraints(), "the server certificate is not");
        assertTrue(server.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
        for (String key : new String[] {"ca-key.pem", "server-key.pem"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(key))), key);
        }
        assertEquals(ca, Pem.readCertificates(folder.resolve(MachineCertificate.CA_FILE)).get(0));
    }

    @Test
    void aSecondStartKeepsBoth() throws IOException {
        Instant now = Instant.now();
        X509Certificate first = at(now).ensure(HERE).identity().chain().get(0);
        MachineCertificate.Outcome again = at(now.plus(Duration.ofDays(1))).ensure(HERE);
        assertEquals(MachineCertificate.Made.NOTHING, again.made());
        assertEquals(first, again.identity().chain().get(0));
    }

    @Test
    void theServerCertificateIsRenewedBeforeItExpiresAndTheCaStays() throws IOException {
        Instant now = Instant.now();
        MachineCertificate.Outcome first = at(now).ensure(HERE);
        Instant later = now.plus(MachineCertificate.SERVER_LIFETIME).minus(MachineCertificate.RENEW_BEFORE).plus(Duration.ofDays(1));
        MachineCertificate.Outcome renewed = at(later).ensure(HERE);
        assertEquals(MachineCertificate.Made.SERVER_RENEWED, renewed.made());
        assertEquals(first.identity().ownCa(), renewed.identity().ownCa());
        assertTrue(renewed.identity().chain().get(0).getNotAfter().toInstant().isAfter(later.plus(Duration.ofDays(60))));
    }

    @Test
    void newAddressesRenewTheServerCertificate() throws IOException {
        Instant now = Instant.now();
        at(now).ensure(HERE);
        MachineNames moved = new MachineNames(HERE.dnsNames(), Set.of("127.0.0.1", MachineNames.canonical("::1"), "198.51.100.4"));
        MachineCertificate.Outcome renewed = at(now).ensure(moved);
        assertEquals(MachineCertificate.Made.SERVER_RENEWED, renewed.made());
        assertEquals(moved, MachineCertificate.namesIn(renewed.identity().chain().get(0)));
    }

    @Test
    void aUserCertificateWithSomeoneElsesKeyIsRefused() throws IOException {
        at(Instant.now()).ensure(HERE);
        Path other = Files.createTempDirectory(folder, "other");
        new MachineCertificate(other, Clock.systemUTC()).ensure(HERE);
        IOException e = assertThrows(IOException.class,
                () -> UserCertificate.load(folder.resolve(MachineCertificate.SERVER_FILE), other.resolve(MachineCertificate.SERVER_KEY_FILE)));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        ServerIdentity mine = UserCertificate.load(folder.resolve(MachineCertificate.SERVER_FILE), folder.resolve(MachineCertificate.SERVER_KEY_FILE));
        assertEquals(2, mine.chain().size());
    }
}
