package org.tokendesk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.MessageFormat;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Numbers in plain placeholders print as MessageFormat prints them, in both languages, though the format is made once. */
class TextNumbersTest {
    @AfterEach
    void english() {
        Text.use(Locale.ENGLISH);
    }

    @Test
    void plainNumberPlaceholdersPrintAsMessageFormatWould() {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
            Text.use(locale);
            for (String key : new String[] {"cli.check.source.stdin", "cli.check.source.argumentLine", "cli.check.stdinTooLarge"}) {
                String pattern = Text.bundle().getString(key);
                for (Object[] args : new Object[][] {{7, 12345}, {1234567L, 3}, {0, -42}}) {
                    String expected = new MessageFormat(pattern, locale).format(args);
                    assertEquals(expected, Text.get(key, args), key + " " + locale);
                    assertEquals(expected, Text.get(key, args), "the second call, with the kept NumberFormat");
                }
            }
        }
    }
}
