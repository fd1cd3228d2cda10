package org.tokendesk.ui.model;

import org.tokendesk.registration.KeptToken;

/**
 * For view tests without an engine: what {@link TokenListModel} tells a row when the keep-online
 * engine reports, through the row's own package-private commands.
 */
public final class RowEvents {
    private RowEvents() {
    }

    public static void engineReported(TokenRow row, KeptToken status) {
        row.engineReported(status);
    }

    /** The switch as {@link TokenListModel#setKeepOnline} sets it, without asking an engine. */
    public static void switched(TokenRow row, boolean on) {
        row.switchKeepOnline(on, row.port());
    }
}
