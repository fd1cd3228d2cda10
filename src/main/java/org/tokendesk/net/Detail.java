package org.tokendesk.net;

/** The technical detail beside a typed outcome: one line, bounded, from untrusted or library text. */
public final class Detail {
    private Detail() {
    }

    /** At most {@code max} characters (and an ellipsis when cut), control characters replaced, so one line stays one line. */
    public static String shorten(String text, int max) {
        String s = text == null ? "" : text;
        StringBuilder out = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (s.length() > max) {
            out.append('…');
        }
        return out.toString();
    }

    /** An exception's own words (its class name when it has none), shortened to {@code max}. */
    public static String of(Throwable failure, int max) {
        String message = failure.getMessage();
        return shorten(message == null || message.isBlank() ? failure.getClass().getSimpleName() : message, max);
    }
}
