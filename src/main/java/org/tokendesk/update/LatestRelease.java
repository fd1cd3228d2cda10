package org.tokendesk.update;

import java.net.URI;

/** The newest published release as the feed names it: its version, and the page a person downloads it from. */
public record LatestRelease(ReleaseVersion version, String tag, URI page, boolean preRelease) {
}
