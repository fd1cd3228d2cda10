package org.tokendesk.ui.main;

/**
 * A feature's short word on a row, shown in the State cell in place of the plain state while the
 * row's last check stands (e.g. "not registered here · found at …"). {@code detail} goes in the tooltip;
 * {@code styleClass} is one of the state-* classes.
 */
public record RowHint(String text, String detail, String styleClass) {
}
