package org.tokendesk.store;

import java.nio.file.Path;

/** What reading {@code settings.json} found. Every outcome has settings to use. */
public sealed interface SettingsLoad {
    Settings settings();

    /** No file yet: the defaults. */
    record Fresh(Settings settings) implements SettingsLoad {
    }

    record Loaded(Settings settings) implements SettingsLoad {
    }

    /** The file could not be used; it was moved to {@code movedTo}, untouched, and the defaults apply. */
    record SetAside(Settings settings, Path movedTo, String reason) implements SettingsLoad {
    }

    /**
     * The file could not be used, nor moved aside (a read-only folder): it stays as it is, and the
     * defaults apply. {@code whyKept} says why the move failed.
     */
    record Unusable(Settings settings, String reason, String whyKept) implements SettingsLoad {
    }
}
