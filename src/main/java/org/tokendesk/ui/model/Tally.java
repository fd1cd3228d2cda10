package org.tokendesk.ui.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.tokendesk.discovery.Lookup;

/**
 * Counts of rows by state, for the status bar: one read-only value that views listen to, moved one
 * row at a time on the JavaFX thread (no recount of 10,000 rows per answer).
 */
public final class Tally {
    public enum Bucket { RESOLVES, UNREACHABLE, NOT_REGISTERED, ERROR, CHECKING, NOT_CHECKED }

    /** How many rows stand in each bucket. */
    public record Counts(List<Integer> byBucket) {
        static final Counts NONE = new Counts(Collections.nCopies(Bucket.values().length, 0));

        public Counts {
            byBucket = List.copyOf(byBucket);
        }

        public int of(Bucket bucket) {
            return byBucket.get(bucket.ordinal());
        }

        Counts plus(Bucket bucket, int by) {
            Integer[] next = byBucket.toArray(Integer[]::new);
            next[bucket.ordinal()] += by;
            return new Counts(Arrays.asList(next));
        }
    }

    private final ReadOnlyObjectWrapper<Counts> counts = new ReadOnlyObjectWrapper<>(this, "counts", Counts.NONE);

    Tally() {
    }

    public int count(Bucket bucket) {
        return counts.get().of(bucket);
    }

    public ReadOnlyObjectProperty<Counts> countsProperty() {
        return counts.getReadOnlyProperty();
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
        counts.set(counts.get().plus(of(row.check()), 1));
    }

    void remove(TokenRow row) {
        counts.set(counts.get().plus(of(row.check()), -1));
    }

    void move(RowCheck from, RowCheck to) {
        Bucket a = of(from);
        Bucket b = of(to);
        if (a != b) {
            counts.set(counts.get().plus(a, -1).plus(b, 1));
        }
    }

    void reset(Collection<TokenRow> rows) {
        int[] n = new int[Bucket.values().length];
        for (TokenRow row : rows) {
            n[of(row.check()).ordinal()]++;
        }
        counts.set(new Counts(Arrays.stream(n).boxed().toList()));
    }
}
