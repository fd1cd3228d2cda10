package org.tokendesk.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Hosts;
import org.tokendesk.everywhere.FixLines;
import org.tokendesk.everywhere.RegistryList;
import org.tokendesk.everywhere.RegistryOutcome;
import org.tokendesk.everywhere.Verdict;

/** The user's words for a check everywhere, shared by the window, the CLI and the diagnostics report. */
public final class EverywhereWords {
    private EverywhereWords() {
    }

    /** A refused registry entry. */
    public static String of(RegistryList.Refusal refusal) {
        if (refusal instanceof RegistryList.Refusal.Invalid invalid) {
            return Words.of(invalid.problem());
        }
        RegistryList.Refusal.Duplicate duplicate = (RegistryList.Refusal.Duplicate) refusal;
        return duplicate.builtIn()
                ? Text.get("everywhere.refused.builtIn", duplicate.existing().displayName())
                : Text.get("everywhere.refused.duplicate", duplicate.existing().displayName());
    }

    public static String unreadable(String savedEntry) {
        return Text.get("everywhere.unreadable", savedEntry);
    }

    /** One registry's answer, without the time it took (the table has a column for that). */
    public static String outcome(Lookup lookup) {
        return outcome(lookup, UnaryOperator.identity());
    }

    /** As {@link #outcome(Lookup)}, with the service's address passed through {@code address} (to shorten it for sharing). */
    public static String outcome(Lookup lookup, UnaryOperator<String> address) {
        if (lookup instanceof Lookup.Resolved r) {
            return Text.get("lookup.resolved", Hosts.hostPort(address.apply(r.host()), r.port()));
        }
        if (lookup instanceof Lookup.Unreachable u) {
            return u.publicIp() == null
                    ? Text.get("lookup.unreachable.noIp", Integer.toString(u.port()))
                    : Text.get("lookup.unreachable", Hosts.hostPort(address.apply(u.publicIp()), u.port()));
        }
        return Words.of(lookup);
    }

    public static String latency(Lookup lookup) {
        return Text.get("everywhere.latency", lookup.latency().toMillis());
    }

    /** The verdict in one sentence. */
    public static String headline(Verdict verdict) {
        if (verdict instanceof Verdict.FineAtChosen fine) {
            return fine.serviceUnreachable()
                    ? Text.get("everywhere.verdict.fine.unreachable", fine.chosen().displayName())
                    : Text.get("everywhere.verdict.fine", fine.chosen().displayName());
        }
        if (verdict instanceof Verdict.RegisteredElsewhere elsewhere) {
            return elsewhere.chosenLookup() instanceof Lookup.Failed failed
                    ? Text.get("everywhere.verdict.elsewhere.chosenFailed", elsewhere.at().registry().displayName(),
                            elsewhere.chosen().displayName(), Words.of(failed))
                    : Text.get("everywhere.verdict.elsewhere", elsewhere.at().registry().displayName(), elsewhere.chosen().displayName());
        }
        if (verdict instanceof Verdict.RegisteredAtSeveral several) {
            return Text.get("everywhere.verdict.several", several.at().size(),
                    names(several.at().stream().map(RegistryOutcome::registry).toList()), several.chosen().displayName());
        }
        if (verdict instanceof Verdict.RegisteredNowhere nowhere) {
            return Text.get("everywhere.verdict.nowhere", nowhere.asked().size(), names(nowhere.asked()));
        }
        Verdict.CannotTell cannot = (Verdict.CannotTell) verdict;
        return cannot.errorsOnly()
                ? Text.get("everywhere.verdict.cannotTell")
                : Text.get("everywhere.verdict.cannotTell.some", names(cannot.notRegisteredAt()),
                        names(cannot.failed().stream().map(RegistryOutcome::registry).toList()));
    }

    /** What it means and what to do, a few sentences (the fix lines themselves come from {@link #fix(FixLines)}). */
    public static List<String> explanation(Verdict verdict) {
        List<String> lines = new ArrayList<>();
        if (verdict instanceof Verdict.FineAtChosen fine) {
            if (fine.serviceUnreachable()) {
                lines.add(Text.get("everywhere.verdict.fine.unreachable.detail"));
            }
            if (!fine.alsoAt().isEmpty()) {
                lines.add(Text.get("everywhere.verdict.fine.also", names(fine.alsoAt())));
            }
        } else if (verdict instanceof Verdict.RegisteredElsewhere elsewhere) {
            lines.add(Text.get("everywhere.verdict.elsewhere.detail", elsewhere.chosen().displayName()));
            lines.add(fix(elsewhere.fix()));
            if (elsewhere.at().lookup() instanceof Lookup.Unreachable) {
                lines.add(Text.get("everywhere.verdict.elsewhere.unreachable", elsewhere.at().registry().displayName()));
            }
        } else if (verdict instanceof Verdict.RegisteredAtSeveral several) {
            lines.add(Text.get("everywhere.verdict.several.detail"));
            for (FixLines fix : several.fixes()) {
                lines.add(fix(fix));
            }
        } else if (verdict instanceof Verdict.RegisteredNowhere) {
            lines.add(Text.get("everywhere.verdict.nowhere.detail"));
        } else {
            Verdict.CannotTell cannot = (Verdict.CannotTell) verdict;
            for (RegistryOutcome failed : cannot.failed()) {
                lines.add(Text.get("everywhere.verdict.cannotTell.failed", failed.registry().displayName(), Words.of(failed.lookup())));
            }
            lines.add(Text.get("everywhere.verdict.cannotTell.detail"));
        }
        return lines;
    }

    /** What to set, and an honest word when no authority can reach the registry. */
    public static String fix(FixLines fix) {
        String name = fix.target().displayName();
        switch (fix.mode()) {
            case AUTHORITY:
                return Text.get("everywhere.fix.authority", fix.line().orElseThrow(), name);
            case ENDPOINT:
                return Text.get("everywhere.fix.endpoint", whyNoAuthority(fix.target()), fix.line().orElseThrow());
            default:
                return Text.get("everywhere.fix.none", whyNoAuthority(fix.target()));
        }
    }

    private static String whyNoAuthority(Registry target) {
        return target.secure()
                ? Text.get("everywhere.fix.why.path", target.displayName(), target.baseUrl().getRawPath())
                : Text.get("everywhere.fix.why.http", target.displayName());
    }

    public static String snippetLabel(FixLines.Kind kind) {
        return Text.get("everywhere.snippet." + kind.name());
    }

    /** A line under a snippet that says what it does and what it needs, when there is something to say. */
    public static Optional<String> snippetNote(FixLines fix, FixLines.Kind kind) {
        String variable = fix.variable().orElse(Registry.AUTHORITY_VARIABLE);
        switch (kind) {
            case SHELL:
            case CMD:
            case POWERSHELL:
            case DOTENV:
                return Optional.of(fix.mode() == FixLines.Mode.ENDPOINT
                        ? Text.get("everywhere.snippet.note.endpoint", fix.value().orElseThrow())
                        : Text.get("everywhere.snippet.note.env"));
            case PYTHON:
                return Optional.of(Text.get("everywhere.snippet.note.PYTHON", Registry.AUTHORITY_VARIABLE, fix.target().displayName()));
            case NODE:
                return fix.mode() == FixLines.Mode.AUTHORITY
                        ? Optional.of(Text.get("everywhere.snippet.note.NODE", variable))
                        : Optional.of(Text.get("everywhere.snippet.note.endpoint", fix.value().orElseThrow()));
            case GO:
                return fix.mode() == FixLines.Mode.AUTHORITY
                        ? Optional.of(Text.get("everywhere.snippet.note.GO", variable))
                        : Optional.of(Text.get("everywhere.snippet.note.endpoint", fix.value().orElseThrow()));
            default:
                return Optional.empty();
        }
    }

    /** "a, b and c" in the current language. */
    public static String names(List<Registry> registries) {
        List<String> names = registries.stream().map(Registry::displayName).toList();
        if (names.isEmpty()) {
            return "";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        String head = String.join(Text.get("everywhere.list.separator"), names.subList(0, names.size() - 1));
        return Text.get("everywhere.list.last", head, names.get(names.size() - 1));
    }
}
