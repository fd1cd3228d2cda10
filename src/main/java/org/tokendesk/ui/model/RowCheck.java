package org.tokendesk.ui.model;

import java.time.Instant;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;

/** Where a row's lookup stands. */
public sealed interface RowCheck {
    record NotChecked() implements RowCheck {
    }

    record Checking() implements RowCheck {
    }

    record Checked(Lookup lookup, Registry registry, Instant at) implements RowCheck {
    }

    RowCheck NOT_CHECKED = new NotChecked();
    RowCheck CHECKING = new Checking();
}
