package org.tokendesk.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Secret Service for tests on Linux: a private D-Bus session bus and gnome-keyring-daemon
 * with a fresh, unlocked login keyring in a temporary home, as a desktop session has. The bus
 * address is handed to dbus-java through the {@code DBUS_SESSION_BUS_ADDRESS} system property
 * (it reads that before the environment), so the user's own keyring is never touched.
 * Needs the Debian packages {@code dbus-daemon} and {@code gnome-keyring} ({@code .ci/run} installs them).
 */
public final class SecretServiceSession implements AutoCloseable {
    public static final String BUS_PROPERTY = "DBUS_SESSION_BUS_ADDRESS";

    private final Path home;
    private final Process bus;
    private final Process keyring;
    private final String previous;

    private SecretServiceSession(Path home, Process bus, Process keyring, String address) {
        this.home = home;
        this.bus = bus;
        this.keyring = keyring;
        this.previous = System.getProperty(BUS_PROPERTY);
        System.setProperty(BUS_PROPERTY, address);
    }

    public static SecretServiceSession start() throws IOException, InterruptedException {
        for (String tool : new String[] {"dbus-daemon", "gnome-keyring-daemon"}) {
            if (!onPath(tool)) {
                throw new IllegalStateException(tool + " is not installed: apt-get install -y dbus-daemon gnome-keyring (see .ci/run)");
            }
        }
        Path home = Files.createTempDirectory("tokendesk-keyring-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path runtime = Files.createDirectories(home.resolve("run"));
        Process bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (address == null || address.isBlank()) {
            bus.destroyForcibly();
            throw new IOException("dbus-daemon printed no address");
        }
        ProcessBuilder daemon = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = daemon.environment();
        env.put("DBUS_SESSION_BUS_ADDRESS", address.strip());
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.remove("DISPLAY");
        Process keyring = daemon.start();
        // The password on stdin creates and unlocks the login keyring (an empty one is refused).
        try (OutputStream in = keyring.getOutputStream()) {
            in.write("tokendesk-test".getBytes(StandardCharsets.US_ASCII));
        }
        return new SecretServiceSession(home, bus, keyring, address.strip());
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Stops gnome-keyring-daemon while the bus stays: the Secret Service disappears mid-run. */
    public void stopDaemon() {
        stop(keyring);
    }

    public boolean daemonAlive() {
        return keyring.isAlive();
    }

    @Override
    public void close() throws IOException {
        if (previous == null) {
            System.clearProperty(BUS_PROPERTY);
        } else {
            System.setProperty(BUS_PROPERTY, previous);
        }
        stop(keyring);
        stop(bus);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
