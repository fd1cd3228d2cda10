package org.tokendesk.regca;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.net.CaFile;
import org.tokendesk.net.ExtraTrust;

/**
 * The settings' CA files (registry base URL to PEM path) made into trust: each CA is trusted for
 * its registry's host:port only, beside the system's roots. A file that cannot be used is left out
 * and named, so the others still count.
 */
public final class RegistryCas {
    /** A saved CA file that could not be used: which registry, which file, why. */
    public record Unusable(String registry, String file, CaFile.Problem problem) {
    }

    public record Built(List<ExtraTrust.Grant> grants, List<Unusable> unusable) {
        public Built {
            grants = List.copyOf(grants);
            unusable = List.copyOf(unusable);
        }
    }

    private RegistryCas() {
    }

    /** Reads every file: blocks, so off the JavaFX thread. */
    public static Built build(Map<String, String> files) {
        List<ExtraTrust.Grant> grants = new ArrayList<>();
        List<Unusable> unusable = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (!(Registry.parse(e.getKey()) instanceof RegistryParse.Valid valid)) {
                // A hand-edited key that is no registry URL: nothing to trust it for.
                continue;
            }
            CaFile.Read read = read(e.getValue());
            if (read instanceof CaFile.Read.Loaded loaded) {
                grants.add(grantFor(valid.registry(), loaded));
            } else {
                unusable.add(new Unusable(e.getKey(), e.getValue(), ((CaFile.Read.Failed) read).problem()));
            }
        }
        return new Built(grants, unusable);
    }

    /** The file at {@code path}, as a user typed or saved it. */
    public static CaFile.Read read(String path) {
        try {
            return CaFile.read(Path.of(path));
        } catch (InvalidPathException e) {
            return new CaFile.Read.Failed(CaFile.Problem.MISSING, "");
        }
    }

    /** Trust of {@code loaded} at {@code registry}'s host and port (443 or 80 when the URL gives none). */
    public static ExtraTrust.Grant grantFor(Registry registry, CaFile.Read.Loaded loaded) {
        int port = registry.baseUrl().getPort() >= 0 ? registry.baseUrl().getPort() : registry.secure() ? 443 : 80;
        return ExtraTrust.make(Set.of(registry.baseUrl().getHost()), port, loaded.certificates());
    }
}
