package org.tokendesk.i18n;

import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every string a user reads comes from the {@code messages} bundles (English and Simplified Chinese).
 * The language follows the OS unless the user chose one.
 */
public final class Text {
    public static final String BUNDLE = "org.tokendesk.i18n.messages";
    private static volatile ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault());
    /** Parsed patterns: a table cell asks for the same few words thousands of times while it scrolls. */
    private static final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();
    /** One NumberFormat per parsed pattern (by identity: equal patterns have separate locks), used under its lock. */
    private static final Map<MessageFormat, NumberFormat> numbers = Collections.synchronizedMap(new IdentityHashMap<>());

    private Text() {
    }

    /** "system", "en" or "zh_CN", as saved in the settings. */
    public static void use(String language) {
        Locale locale = switch (language == null ? "system" : language) {
            case "en" -> Locale.ENGLISH;
            case "zh_CN", "zh" -> Locale.SIMPLIFIED_CHINESE;
            default -> Locale.getDefault();
        };
        use(locale);
    }

    public static void use(Locale locale) {
        bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
        formats.clear();
        numbers.clear();
    }

    /**
     * A plain {@code {0}} given a number makes MessageFormat build a new NumberFormat at every call
     * (a fifth of the CLI's time for 10,000 tokens); the same format, made once per pattern, prints the same.
     */
    private static Object[] numbersFormatted(MessageFormat format, Object[] args) {
        Format[] own = format.getFormatsByArgumentIndex();
        Object[] out = args;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Number && (i >= own.length || own[i] == null)) {
                if (out == args) {
                    out = args.clone();
                }
                out[i] = numbers.computeIfAbsent(format, f -> NumberFormat.getInstance(f.getLocale())).format(args[i]);
            }
        }
        return out;
    }

    public static Locale locale() {
        return bundle.getLocale();
    }

    public static ResourceBundle bundle() {
        return bundle;
    }

    /**
     * The text for {@code key}, with {@code {0}}-style arguments filled in. Every pattern goes through
     * MessageFormat, so a plain apostrophe must be written {@code ''} (or typographic: ’).
     * A missing key shows as itself, loudly.
     */
    public static String get(String key, Object... args) {
        ResourceBundle current = bundle;
        MessageFormat format = formats.get(key);
        if (format == null) {
            try {
                format = new MessageFormat(current.getString(key), current.getLocale());
            } catch (MissingResourceException e) {
                return "!" + key + "!";
            }
            formats.put(key, format);
        }
        // MessageFormat is not thread-safe; the engine's threads and the window share these.
        synchronized (format) {
            return format.format(numbersFormatted(format, args));
        }
    }
}
