package org.tokendesk.update;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Properties;

/**
 * Whether this build may check for updates, and where. Distribution packages (Debian, Flathub…)
 * update through their own channel: their launchers pass {@code -Dtokendesk.update.check=off}
 * and the check is never offered. {@code -Dtokendesk.update.url=…} points it at another feed.
 */
public record UpdatePolicy(boolean allowed, URI feed) {
    public static final String CHECK_PROPERTY = "tokendesk.update.check";
    public static final String URL_PROPERTY = "tokendesk.update.url";
    /** The project's releases, in the shape of GitHub's latest-release answer. */
    public static final URI DEFAULT_FEED = URI.create("https://api.github.com/repos/tokendesk/tokendesk/releases/latest");

    public static UpdatePolicy from(Properties properties) {
        String check = properties.getProperty(CHECK_PROPERTY, "on").strip().toLowerCase(Locale.ROOT);
        boolean allowed = !(check.equals("off") || check.equals("false") || check.equals("no"));
        String url = properties.getProperty(URL_PROPERTY, "").strip();
        URI feed = DEFAULT_FEED;
        if (!url.isEmpty()) {
            try {
                URI given = new URI(url);
                if (("https".equals(given.getScheme()) || "http".equals(given.getScheme())) && given.getHost() != null) {
                    feed = given;
                } else {
                    allowed = false;
                }
            } catch (URISyntaxException e) {
                allowed = false;
            }
        }
        return new UpdatePolicy(allowed, feed);
    }
}
