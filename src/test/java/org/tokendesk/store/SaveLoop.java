package org.tokendesk.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tokendesk.token.Token;

/** A child process for {@link InterruptedSavesTest}: saves the token list and the settings over and over until killed. */
public final class SaveLoop {
    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        AppHome home = AppHome.at(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        List<SavedToken> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(new SavedToken(Token.of(InterruptedSavesTest.token(i)), "bot " + i, Instant.EPOCH, false, 8788));
        }
        TokenStore store = new TokenStore(home.tokensFile());
        SettingsStore settings = new SettingsStore(home.settingsFile(), java.util.Map.of());
        List<String> extras = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            extras.add("https://registry-" + i + ".example.com");
        }
        store.save(tokens);
        System.out.println("ready");
        System.out.flush();
        for (long n = 0; n < 1_000_000; n++) {
            store.save(tokens);
            settings.save(Settings.defaults(java.util.Map.of()).withExtraRegistries(extras));
        }
    }
}
