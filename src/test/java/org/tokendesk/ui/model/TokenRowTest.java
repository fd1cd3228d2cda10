package org.tokendesk.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javafx.beans.value.ObservableValue;
import javafx.beans.value.WritableValue;

import org.junit.jupiter.api.Test;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.store.SavedToken;
import org.tokendesk.token.Token;

/** A row hands out views only; its state moves through commands, and a late answer to an older check is dropped. */
class TokenRowTest {
    private static final Lookup RESOLVED = new Lookup.Resolved("127.0.0.1", 8788, Duration.ofMillis(3));

    private static TokenRow row() {
        return new TokenRow(new SavedToken(Token.of("insecure_" + UUID.randomUUID()), "bot", Instant.EPOCH, false, 8788));
    }

    @Test
    void noPropertyCanBeWrittenFromOutside() {
        TokenRow row = row();
        List<ObservableValue<?>> views = List.of(row.labelProperty(), row.checkProperty(), row.probeProperty(), row.keepOnlineProperty(),
                row.portProperty(), row.keptProperty(), row.logLinesProperty(), row.hintProperty(), row.revealedProperty());
        views.forEach(v -> assertFalse(v instanceof WritableValue, v::toString));
    }

    @Test
    void aLateAnswerToAnOlderCheckIsDropped() {
        TokenRow row = row();
        long first = row.startCheck();
        long second = row.startCheck();
        row.finishCheck(first, new RowCheck.Checked(new Lookup.NotRegistered(404, Duration.ZERO), Registry.CHATIE, Instant.EPOCH));
        assertEquals(RowCheck.CHECKING, row.check());
        row.setProbe(first, RowProbe.PROBING);
        assertEquals(RowProbe.NONE, row.probeProperty().get());
        RowCheck.Checked answer = new RowCheck.Checked(RESOLVED, Registry.CHATIE, Instant.EPOCH);
        row.finishCheck(second, answer);
        assertEquals(answer, row.check());
        assertEquals(RESOLVED, row.resolved().orElseThrow());
    }

    @Test
    void commandsMoveTheState() {
        TokenRow row = row();
        row.rename("shop");
        row.switchKeepOnline(true, 9000);
        row.engineLogged();
        row.engineLogged();
        assertEquals(new SavedToken(row.token(), "shop", Instant.EPOCH, true, 9000), row.toSaved());
        assertEquals(2, row.logLinesProperty().get());
    }

    @Test
    void theTallyIsOneValueThatFollowsEachMove() {
        Tally tally = new Tally();
        List<TokenRow> rows = Stream.generate(TokenRowTest::row).limit(3).toList();
        tally.reset(rows);
        assertEquals(3, tally.count(Tally.Bucket.NOT_CHECKED));
        List<Tally.Counts> seen = new ArrayList<>();
        tally.countsProperty().addListener((o, was, now) -> seen.add(now));
        tally.move(RowCheck.NOT_CHECKED, RowCheck.CHECKING);
        tally.move(RowCheck.CHECKING, RowCheck.CHECKING);
        tally.move(RowCheck.CHECKING, new RowCheck.Checked(RESOLVED, Registry.CHATIE, Instant.EPOCH));
        assertEquals(2, seen.size(), seen::toString);
        assertEquals(List.of(1, 0, 0, 0, 0, 2), tally.countsProperty().get().byBucket());
        tally.remove(rows.get(0));
        assertEquals(1, tally.count(Tally.Bucket.NOT_CHECKED));
    }
}
