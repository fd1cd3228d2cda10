package org.tokendesk.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every string a user reads comes from the {@code messages} bundles (English and Simplified Chinese).
 * The language follows the OS unless the user chose one.
 */
public final class Text {
    public static final String BUNDLE = "org.tokendesk.i18n.messages";
    private static volatile ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault());

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
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return new MessageFormat(pattern, bundle.getLocale()).format(args);
    }
}
