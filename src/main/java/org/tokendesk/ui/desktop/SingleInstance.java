package org.tokendesk.ui.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tokendesk.store.AtomicFile;

/**
 * One TokenDesk window per user (per config folder): the first launch holds an OS file lock on
 * {@code instance.lock} and listens on a loopback port written to {@code instance.port}; a later
 * launch finds the lock taken, tells the first over that port to come to the front, and exits.
 * The OS drops the lock when a process dies, so a crashed instance never blocks the next one.
 */
public final class SingleInstance implements AutoCloseable {
    static final String LOCK_FILE = "instance.lock";
    static final String PORT_FILE = "instance.port";
    private static final String SHOW = "SHOW";
    private static final String OK = "OK";
    private static final int MAX_LINE = 128;
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(2);
    /** How long a second launch keeps trying while the first one is still starting up. */
    private static final Duration SIGNAL_PATIENCE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(SingleInstance.class.getName());
    private static final AtomicReference<SingleInstance> OF_THIS_PROCESS = new AtomicReference<>();

    /** What a launch found. */
    public sealed interface Claim {
        /** This is the first instance; it keeps the claim until {@link SingleInstance#close()}. */
        record First(SingleInstance instance) implements Claim {
        }

        /** Another instance runs and was told to come to the front: this launch should exit. */
        record AlreadyRunning() implements Claim {
        }

        /**
         * Another instance holds the lock but did not answer (hung, or still starting after the
         * patience ran out); or the lock could not be taken at all. The launch decides what to do.
         */
        record Unknown(String detail) implements Claim {
        }
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Object callbackLock = new Object();
    private volatile ServerSocket server;
    private volatile boolean closed;
    private Runnable onAnotherLaunch;
    private int missedLaunches;

    private SingleInstance(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Claims {@code dir} (the config folder) for this launch; does file and socket I/O. */
    public static Claim claim(Path dir) {
        return claim(dir, SIGNAL_PATIENCE);
    }

    static Claim claim(Path dir, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<Claim> attempt = tryOnce(dir);
            if (attempt.isPresent()) {
                return attempt.get();
            }
            if (System.nanoTime() > deadline) {
                return new Claim.Unknown("another TokenDesk holds " + dir.resolve(LOCK_FILE) + " but does not answer");
            }
            sleep(100);
        }
    }

    /**
     * Claims like {@link #claim(Path)} and, when first, keeps the instance for
     * {@link #ofThisProcess()}, where the window finds it to register {@link #onAnotherLaunch}.
     */
    public static Claim claimForThisProcess(Path dir) {
        Claim claim = claim(dir);
        if (claim instanceof Claim.First first) {
            OF_THIS_PROCESS.set(first.instance());
        }
        return claim;
    }

    public static Optional<SingleInstance> ofThisProcess() {
        return Optional.ofNullable(OF_THIS_PROCESS.get());
    }

    /**
     * What to do when another launch asks this instance to come to the front. Runs on a
     * background thread (hand it to the JavaFX thread), or right here, once, when launches came
     * before it was set.
     */
    public void onAnotherLaunch(Runnable action) {
        boolean missed;
        synchronized (callbackLock) {
            onAnotherLaunch = action;
            missed = missedLaunches > 0;
            missedLaunches = 0;
        }
        if (missed) {
            action.run();
        }
    }

    /** The loopback port other launches signal; waits until the listener is up. */
    int awaitPort(Duration timeout) throws InterruptedException {
        if (!listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || server == null) {
            throw new IllegalStateException("the instance port did not open");
        }
        return server.getLocalPort();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        OF_THIS_PROCESS.compareAndSet(this, null);
        ServerSocket listener = server;
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing a listening socket has nothing left to report
            }
        }
        try {
            Files.deleteIfExists(dir.resolve(PORT_FILE));
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "releasing the instance lock", e);
        }
    }

    /** Empty when the lock is taken but the holder could not be reached yet. */
    private static Optional<Claim> tryOnce(Path dir) {
        FileChannel channel = null;
        try {
            AtomicFile.createPrivateDirectories(dir);
            channel = openLockFile(dir.resolve(LOCK_FILE));
            FileLock lock = tryLock(channel);
            if (lock != null) {
                // A port file left by a crashed instance must not send later launches elsewhere.
                Files.deleteIfExists(dir.resolve(PORT_FILE));
                SingleInstance first = new SingleInstance(dir, channel, lock);
                Thread listener = new Thread(first::listen, "tokendesk-single-instance");
                listener.setDaemon(true);
                listener.start();
                return Optional.of(new Claim.First(first));
            }
            channel.close();
            return signal(dir) ? Optional.of(new Claim.AlreadyRunning()) : Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            return Optional.of(new Claim.Unknown(e.toString()));
        }
    }

    private static void writePortFile(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel out = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(file, options)) {
            out.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static FileChannel openLockFile(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(file, options);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another instance inside this very JVM (tests)
        }
    }

    /**
     * Opens the port and answers later launches. Runs on its own thread: socket and random set-up
     * cost some 40 ms that the first launch need not wait for; a second launch retries meanwhile.
     */
    private void listen() {
        String secret;
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            server = socket;
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
            synchronized (this) {
                if (closed) {
                    socket.close();
                    return;
                }
                // Written after the socket listens, so whoever reads it can connect. No fsync: it matters only while we run.
                writePortFile(dir.resolve(PORT_FILE), socket.getLocalPort() + " " + secret + "\n");
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "a second launch cannot reach this one to bring it to front", e);
            return;
        } finally {
            listening.countDown();
        }
        acceptLoop(secret);
    }

    /** True when the running instance confirmed; false when it could not be reached (yet). */
    private static boolean signal(Path dir) {
        String[] portAndSecret;
        try {
            portAndSecret = Files.readString(dir.resolve(PORT_FILE), StandardCharsets.US_ASCII).strip().split(" ");
        } catch (IOException e) {
            return false;
        }
        if (portAndSecret.length != 2 || !portAndSecret[0].matches("\\d{1,5}")) {
            return false;
        }
        int port = Integer.parseInt(portAndSecret[0]);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) IO_TIMEOUT.toMillis());
            socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((SHOW + " " + portAndSecret[1] + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return OK.equals(readLine(socket));
        } catch (IOException e) {
            return false;
        }
    }

    private void acceptLoop(String secret) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout((int) IO_TIMEOUT.toMillis());
                String line = readLine(client);
                if (line == null || !line.equals(SHOW + " " + secret)) {
                    continue; // not a TokenDesk launch of this user: it cannot have read our port file
                }
                client.getOutputStream().write((OK + "\n").getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                fire();
            } catch (SocketTimeoutException e) {
                LOG.fine("a connection to the instance port sent nothing");
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.FINE, "instance port", e);
                }
            }
        }
    }

    private void fire() {
        Runnable action;
        synchronized (callbackLock) {
            action = onAnotherLaunch;
            if (action == null) {
                missedLaunches++;
                return;
            }
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "bringing the window to front failed", e);
        }
    }

    /** One line of at most {@link #MAX_LINE} ASCII characters, or null. */
    private static String readLine(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII), MAX_LINE);
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (sb.length() >= MAX_LINE) {
                return null;
            }
            sb.append((char) c);
        }
        return c < 0 && sb.length() == 0 ? null : sb.toString();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
