package org.tokendesk.ui.model;

import org.tokendesk.ui.Tone;

/**
 * A feature's short word on a row, shown in the State cell in place of the plain state while the
 * row's last check stands (e.g. "not registered here · found at …"). {@code detail} goes in the tooltip;
 * {@code tone} colours it.
 */
public record RowHint(String text, String detail, Tone tone) {
}
