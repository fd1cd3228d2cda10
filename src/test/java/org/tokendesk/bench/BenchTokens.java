package org.tokendesk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The benchmark's tokens: distinct, modern-looking, the same in every run. */
final class BenchTokens {
    private BenchTokens() {
    }

    static List<String> make(int count) {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add("insecure_" + UUID.nameUUIDFromBytes(("bench-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return tokens;
    }
}
