package org.tokendesk.update;

/** What one update check found. The window shows a banner only for {@link NewVersion}. */
public sealed interface UpdateCheck {
    /** A newer release is out; nothing was downloaded. */
    record NewVersion(ReleaseVersion current, LatestRelease latest) implements UpdateCheck {
    }

    /** The running version is the latest (or newer: a build from a branch). */
    record UpToDate(ReleaseVersion current, LatestRelease latest) implements UpdateCheck {
    }

    /** No answer to trust; the check stays quiet and tries again the next day. */
    record Failed(Reason reason, String detail) implements UpdateCheck {
    }

    enum Reason {
        UNREACHABLE,
        TIMEOUT,
        HTTP_STATUS,
        MALFORMED,
        TOO_LARGE
    }
}
