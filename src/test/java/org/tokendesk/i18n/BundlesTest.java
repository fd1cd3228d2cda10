package org.tokendesk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** English and Simplified Chinese must both be complete: a key missing in either fails the build. */
class BundlesTest {
    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundlesTest.class.getResourceAsStream("/org/tokendesk/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyKeyIsInBothLanguages() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        Set<String> onlyEnglish = new TreeSet<>(en.stringPropertyNames());
        onlyEnglish.removeAll(zh.stringPropertyNames());
        Set<String> onlyChinese = new TreeSet<>(zh.stringPropertyNames());
        onlyChinese.removeAll(en.stringPropertyNames());
        assertEquals(Set.of(), onlyEnglish, "keys missing in messages_zh_CN.properties");
        assertEquals(Set.of(), onlyChinese, "keys missing in messages.properties");
    }

    @Test
    void everyPatternIsAValidMessageFormatAndNoneIsEmpty() throws IOException {
        for (String file : new String[] {"messages.properties", "messages_zh_CN.properties"}) {
            Properties p = load(file);
            for (String key : p.stringPropertyNames()) {
                String pattern = p.getProperty(key);
                assertTrue(!pattern.isBlank(), file + ": " + key + " is empty");
                new MessageFormat(pattern); // throws on a broken pattern
            }
        }
    }

    @Test
    void chineseIsReallyChinese() throws IOException {
        Properties zh = load("messages_zh_CN.properties");
        long withHan = zh.stringPropertyNames().stream()
                .filter(k -> zh.getProperty(k).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .count();
        // Product names and pure technical strings may stay as they are; nearly everything else is translated.
        assertTrue(withHan >= zh.size() * 0.8, withHan + " of " + zh.size() + " Chinese strings contain Chinese");
    }
}
