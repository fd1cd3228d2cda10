package org.tokendesk.i18n;

import java.text.MessageFormat;
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
            return format.format(args);
        }
    }
}
