package org.tokendesk.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tokendesk.store.SavedToken;
import org.tokendesk.store.Settings;
import org.tokendesk.store.SettingsStore;
import org.tokendesk.store.TokenStore;
import org.tokendesk.token.Token;

/**
 * The child JVM of {@link KillDuringSaveTest}: loads the file once (as the app does at start),
 * then saves version after version as fast as it can, printing each version once it is on disk,
 * until it is killed. Every version's content follows from its number, so the parent can tell
 * exactly which one it finds.
 *
 * <p>Args: {@code tokens|settings DIR FIRST_VERSION}.
 */
public final class SaveLoop {
    private SaveLoop() {
    }

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        Path dir = Path.of(args[1]);
        long first = Long.parseLong(args[2]);
        TokenStore tokens = new TokenStore(dir.resolve("tokens.json"));
        SettingsStore settings = new SettingsStore(dir.resolve("settings.json"), Map.of());
        if (kind.equals("tokens")) {
            tokens.load();
        } else {
            settings.read();
        }
        for (long v = first; ; v++) {
            if (kind.equals("tokens")) {
                tokens.save(tokensOf(v));
            } else {
                settings.save(settingsOf(v));
            }
            System.out.println(v);
            System.out.flush();
        }
    }

    /** Version {@code v} of the token list: 1 to 200 tokens, every field derived from {@code v}. */
    public static List<SavedToken> tokensOf(long v) {
        List<SavedToken> list = new ArrayList<>();
        int n = (int) (v % 200) + 1;
        for (int i = 0; i < n; i++) {
            list.add(new SavedToken(Token.of("insecure_kill-" + i + "-" + Long.toHexString(v * 31 + i)), "version " + v + " row " + i,
                    Instant.ofEpochSecond(1_700_000_000L + v), i % 2 == 0, 1 + (int) ((v + i) % 65535)));
        }
        return list;
    }

    public static Settings settingsOf(long v) {
        return new Settings("http://127.0.0.1:" + (1 + v % 65535), List.of("https://r" + v + ".example"), 1 + (int) (v % 65535),
                1 + (int) (v % 256), v % 2 == 0 ? "en" : "zh_CN", "system", v % 3 == 0);
    }
}
