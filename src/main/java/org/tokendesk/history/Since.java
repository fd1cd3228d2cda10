package org.tokendesk.history;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads how far back or how often, as a person writes it: {@code 90m}, {@code 24h}, {@code 7d}, {@code 30s}. */
public final class Since {
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhd])");

    private Since() {
    }

    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }
}
