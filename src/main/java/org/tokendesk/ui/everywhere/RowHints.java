package org.tokendesk.ui.everywhere;

import java.util.Optional;
import java.util.stream.Collectors;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.EverywhereWords;
import org.tokendesk.everywhere.FixLines;
import org.tokendesk.everywhere.Verdict;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.ui.Tone;
import org.tokendesk.ui.model.RowHint;

/** The State cell's short word on a check everywhere, e.g. "not registered here · found at …". */
final class RowHints {
    private RowHints() {
    }

    static Optional<RowHint> of(RowSweep sweep) {
        if (sweep instanceof RowSweep.Queued queued) {
            return Optional.of(new RowHint(Text.get("everywhere.row.queued", here(queued.atChosen())),
                    Text.get("everywhere.ui.queued", queued.chosen().displayName()), Tone.WARN));
        }
        if (sweep instanceof RowSweep.Running running) {
            return Optional.of(new RowHint(Text.get("everywhere.row.asking", here(running.outcomes().get(0).lookup())),
                    Text.get("everywhere.ui.running", running.toAsk().size() - 1), Tone.WARN));
        }
        if (sweep instanceof RowSweep.Done done) {
            return done(done.sweep().verdict(), done.sweep().chosenOutcome().lookup());
        }
        return Optional.empty();
    }

    private static Optional<RowHint> done(Verdict verdict, Lookup atChosen) {
        String detail = EverywhereWords.headline(verdict);
        for (FixLines fix : verdict.fixes()) {
            detail += fix.line().map(line -> "\n" + line).orElse("");
        }
        if (verdict instanceof Verdict.RegisteredElsewhere elsewhere) {
            return hint(Text.get("everywhere.row.foundAt", here(atChosen), shortName(elsewhere.at().registry())), detail, Tone.FOUND);
        }
        if (verdict instanceof Verdict.RegisteredAtSeveral several) {
            return hint(Text.get("everywhere.row.foundAtSeveral", here(atChosen), several.at().size(),
                    several.at().stream().map(o -> shortName(o.registry())).collect(Collectors.joining(", "))), detail, Tone.FOUND);
        }
        if (verdict instanceof Verdict.RegisteredNowhere) {
            return hint(Text.get("everywhere.row.nowhere"), detail, Tone.WARN);
        }
        if (verdict instanceof Verdict.CannotTell) {
            return hint(Text.get("everywhere.row.cannotTell", here(atChosen)), detail, Tone.ERROR);
        }
        // Fine where the SDK asks: the row's own state already says so.
        return Optional.empty();
    }

    private static Optional<RowHint> hint(String text, String detail, Tone tone) {
        return Optional.of(new RowHint(text, detail, tone));
    }

    /**
     * The end of a long registry name, which tells the public ones apart in a narrow cell
     * ("…juzibot.com"); the tooltip and the Registries tab give it whole.
     */
    static String shortName(Registry registry) {
        String host = registry.host();
        String[] labels = host.split("\\.");
        boolean name = !host.isEmpty() && !Character.isDigit(host.charAt(host.length() - 1)) && host.indexOf(':') < 0;
        if (!registry.displayName().equals(registry.authority()) || !name || labels.length <= 2) {
            return registry.displayName();
        }
        int port = registry.baseUrl().getPort();
        return "…" + labels[labels.length - 2] + "." + labels[labels.length - 1] + (port >= 0 ? ":" + port : "");
    }

    /** What the chosen registry said, short. */
    private static String here(Lookup atChosen) {
        return atChosen instanceof Lookup.NotRegistered ? Text.get("everywhere.row.notHere") : Words.of(atChosen);
    }
}
