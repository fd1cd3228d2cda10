package org.tokendesk.regca;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.tokendesk.net.ExtraTrust;

/**
 * Puts the settings' CA files in force in the app's {@link ExtraTrust}, beside the own registry's
 * grant. Files are read on the caller's thread (never the JavaFX one); when two changes overlap,
 * the later one wins even if its files were read first.
 */
public final class RegistryCaTrust {
    private final ExtraTrust trust;
    private final AtomicLong generation = new AtomicLong();

    public RegistryCaTrust(ExtraTrust trust) {
        this.trust = trust;
    }

    /** Reads {@code files} and trusts what they hold from now on; says which could not be used. */
    public RegistryCas.Built apply(Map<String, String> files) {
        long mine = generation.incrementAndGet();
        RegistryCas.Built built = RegistryCas.build(files);
        synchronized (this) {
            if (generation.get() == mine) {
                trust.useRegistryGrants(built.grants());
            }
        }
        return built;
    }
}
