package org.tokendesk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.tokendesk.store.SecretMove;
import org.tokendesk.store.SecretStorage;

/** The settings window's words for where the secrets are and what a move did, in both languages. */
class SecretWordsTest {
    @Test
    void everyStorageAndMoveHasWords() {
        List<String> all = new ArrayList<>();
        try {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                Text.use(locale);
                all.add(Words.of(new SecretStorage.InKeyring("Secret Service")));
                for (SecretStorage.Why why : SecretStorage.Why.values()) {
                    all.add(Words.of(new SecretStorage.InFile(why, "detail")));
                }
                for (SecretMove.Reason reason : SecretMove.Reason.values()) {
                    all.add(Words.of(new SecretMove.Refused(reason, "detail")));
                }
                all.add(Words.of(new SecretMove.Moved(new SecretStorage.InKeyring("x"), 3)));
                all.add(Text.get("store.load.keyringUnavailable", 2, "locked"));
                all.add(Text.get("store.move.toKeyring") + Text.get("store.move.toFile"));
            }
            Text.use(Locale.ENGLISH);
            assertEquals("3 tokens moved.", Words.of(new SecretMove.Moved(new SecretStorage.InKeyring("x"), 3)));
        } finally {
            Text.use(Locale.ENGLISH);
        }
        for (String words : all) {
            assertFalse(words.contains("!store.") || words.contains("{"), words);
        }
    }
}
