package org.tokendesk.testing;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.tokendesk.secrets.Keyring;

/**
 * A keyring in memory, for the store's logic: it can be told to refuse writes after a number of
 * them, or to stop answering altogether, as a locked or vanished Secret Service does.
 */
public final class MemoryKeyring implements Keyring {
    private final Map<String, String> entries = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int writesAllowed = Integer.MAX_VALUE;
    private volatile boolean down;

    @Override
    public String name() {
        return "Memory keyring";
    }

    @Override
    public Optional<String> read(String ref) throws IOException {
        failIfDown();
        return Optional.ofNullable(entries.get(ref));
    }

    @Override
    public void write(String ref, String secret) throws IOException {
        failIfDown();
        if (writes.get() >= writesAllowed) {
            throw new IOException("keyring: write refused (test)");
        }
        writes.incrementAndGet();
        entries.put(ref, secret);
    }

    @Override
    public void delete(String ref) throws IOException {
        failIfDown();
        entries.remove(ref);
    }

    @Override
    public void close() {
    }

    private void failIfDown() throws IOException {
        if (down) {
            throw new IOException("keyring: not available (test)");
        }
    }

    /** Refuses every write after {@code more} further ones. */
    public MemoryKeyring refuseWritesAfter(int more) {
        writesAllowed = writes.get() + more;
        return this;
    }

    public MemoryKeyring down(boolean isDown) {
        down = isDown;
        return this;
    }

    public Map<String, String> entries() {
        return Map.copyOf(entries);
    }

    public int writes() {
        return writes.get();
    }
}
