package org.tokendesk.ui;

import java.util.Locale;

import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * The colour a state is shown in. Set as a CSS pseudo-class, not a style class: switching a
 * pseudo-class is a cheap state change, while changing style classes rebuilds a cell's styles,
 * which made scrolling 10,000 rows stutter.
 */
public enum Tone {
    OK, WARN, ERROR, MUTED,
    /** Found, but elsewhere than asked: news, neither fine nor wrong. */
    FOUND;

    private final PseudoClass pseudoClass = PseudoClass.getPseudoClass("tone-" + name().toLowerCase(Locale.ROOT));

    /** Gives {@code node} this tone and no other. */
    public void apply(Node node) {
        for (Tone t : values()) {
            node.pseudoClassStateChanged(t.pseudoClass, t == this);
        }
    }

    /** Takes every tone off (an empty cell). */
    public static void clear(Node node) {
        for (Tone t : values()) {
            node.pseudoClassStateChanged(t.pseudoClass, false);
        }
    }
}
