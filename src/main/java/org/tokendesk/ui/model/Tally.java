package org.tokendesk.ui.model;

import java.util.Collection;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

import org.tokendesk.discovery.Lookup;

/** Counts of rows by state, for the status bar. Moved one row at a time on the JavaFX thread. */
public final class Tally {
    public enum Bucket { RESOLVES, UNREACHABLE, NOT_REGISTERED, ERROR, CHECKING, NOT_CHECKED }

    private final IntegerProperty[] counts = new IntegerProperty[Bucket.values().length];
    /** Bumped on every change, so one listener can follow all buckets. */
    private final IntegerProperty changes = new SimpleIntegerProperty();

    Tally() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new SimpleIntegerProperty();
        }
    }

    public int count(Bucket bucket) {
        return counts[bucket.ordinal()].get();
    }

    public IntegerProperty changesProperty() {
        return changes;
    }

    static Bucket of(RowCheck check) {
        if (check instanceof RowCheck.Checked c) {
            Lookup l = c.lookup();
            if (l instanceof Lookup.Resolved) {
                return Bucket.RESOLVES;
            }
            if (l instanceof Lookup.Unreachable) {
                return Bucket.UNREACHABLE;
            }
            return l instanceof Lookup.NotRegistered ? Bucket.NOT_REGISTERED : Bucket.ERROR;
        }
        return check instanceof RowCheck.Checking ? Bucket.CHECKING : Bucket.NOT_CHECKED;
    }

    void add(TokenRow row) {
        bump(of(row.check()), 1);
    }

    void remove(TokenRow row) {
        bump(of(row.check()), -1);
    }

    void move(RowCheck from, RowCheck to) {
        Bucket a = of(from);
        Bucket b = of(to);
        if (a != b) {
            counts[a.ordinal()].set(counts[a.ordinal()].get() - 1);
            bump(b, 1);
        }
    }

    void reset(Collection<TokenRow> rows) {
        for (IntegerProperty c : counts) {
            c.set(0);
        }
        rows.forEach(this::add);
    }

    private void bump(Bucket bucket, int by) {
        counts[bucket.ordinal()].set(counts[bucket.ordinal()].get() + by);
        changes.set(changes.get() + 1);
    }
}
