package org.tokendesk.secrets;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.PasswordAccessException;

/**
 * The OS keyring through java-keyring. Every call runs on one worker thread and is given a time
 * limit, because a Secret Service that hangs (or a keyring waiting for an unlock prompt) must not
 * hang TokenDesk. Entries live under the service name {@value #SERVICE}, account = the reference.
 */
public final class OsKeyring implements Keyring {
    public static final String SERVICE = "TokenDesk";
    public static final String SWITCH_VARIABLE = "TOKENDESK_KEYRING";
    static final long TIME_LIMIT_SECONDS = 10;

    private final com.github.javakeyring.Keyring keyring;
    private final String service;
    private final String name;
    private final ExecutorService worker;

    private OsKeyring(com.github.javakeyring.Keyring keyring, String service, ExecutorService worker) {
        this.keyring = keyring;
        this.service = service;
        this.worker = worker;
        this.name = describe(keyring);
    }

    /** The OS keyring, unless {@code TOKENDESK_KEYRING=off}; checked with a write, read and delete of a throwaway entry. */
    public static KeyringCheck detect(Map<String, String> env) {
        if ("off".equalsIgnoreCase(env.getOrDefault(SWITCH_VARIABLE, "").strip())) {
            return new KeyringCheck.Off();
        }
        return open(SERVICE);
    }

    /** {@code service} names the entries; tests use their own so they never touch the user's. */
    public static KeyringCheck open(String service) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "keyring");
            t.setDaemon(true);
            return t;
        });
        OsKeyring opened = null;
        try {
            com.github.javakeyring.Keyring backend = call(worker, com.github.javakeyring.Keyring::create);
            opened = new OsKeyring(backend, service, worker);
            String probe = "probe-" + UUID.randomUUID();
            opened.write(probe, probe);
            Optional<String> back = opened.read(probe);
            opened.delete(probe);
            if (!back.equals(Optional.of(probe))) {
                opened.close();
                return new KeyringCheck.Unavailable(opened.name() + " did not give back what was stored");
            }
            return new KeyringCheck.Available(opened);
        } catch (IOException e) {
            if (opened != null) {
                opened.close();
            } else {
                worker.shutdownNow();
            }
            return new KeyringCheck.Unavailable(e.getMessage());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> read(String ref) throws IOException {
        try {
            return Optional.of(call(worker, () -> keyring.getPassword(service, ref)));
        } catch (IOException e) {
            if (e.getCause() instanceof PasswordAccessException && isMissing(ref)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void write(String ref, String secret) throws IOException {
        call(worker, () -> {
            keyring.setPassword(service, ref, secret);
            return null;
        });
    }

    @Override
    public void delete(String ref) throws IOException {
        try {
            call(worker, () -> {
                keyring.deletePassword(service, ref);
                return null;
            });
        } catch (IOException e) {
            if (!(e.getCause() instanceof PasswordAccessException && isMissing(ref))) {
                throw e;
            }
        }
    }

    /**
     * java-keyring throws the same exception for "no such entry" and "the keyring failed"; an entry
     * is taken as missing when the keyring still works for a throwaway entry.
     */
    private boolean isMissing(String ref) {
        String probe = "probe-" + UUID.randomUUID();
        try {
            call(worker, () -> {
                keyring.setPassword(service, probe, probe);
                keyring.deletePassword(service, probe);
                return null;
            });
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            call(worker, () -> {
                keyring.close();
                return null;
            });
        } catch (IOException e) {
            // Closing a D-Bus connection that already broke: nothing left to release.
        } finally {
            worker.shutdownNow();
        }
    }

    private interface KeyringCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(ExecutorService worker, KeyringCall<T> call) throws IOException {
        Future<T> future = worker.submit(call::run);
        try {
            return future.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("the keyring did not answer within " + TIME_LIMIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the keyring", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BackendNotSupportedException) {
                throw new IOException("no OS keyring here (" + cause.getMessage() + ")", cause);
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new IOException("keyring: " + message, cause);
        }
    }

    private static String describe(com.github.javakeyring.Keyring keyring) {
        switch (keyring.getKeyringStorageType()) {
            case GNOME_KEYRING:
                return "Secret Service";
            case OSX_KEYCHAIN:
                return "macOS Keychain";
            case WINDOWS_CREDENTIAL_STORE:
                return "Windows Credential Manager";
            default:
                return keyring.getKeyringStorageType().name();
        }
    }
}
