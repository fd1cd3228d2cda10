package org.tokendesk.i18n;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.export.ExportNotes;
import org.tokendesk.export.ImportResult;
import org.tokendesk.export.ImportedEntry;
import org.tokendesk.net.Hosts;
import org.tokendesk.probe.Attempt;
import org.tokendesk.probe.ProbeOutcome;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.registration.KeepOnlineList;
import org.tokendesk.store.SavedFile;
import org.tokendesk.store.SecretMove;
import org.tokendesk.store.SecretStorage;
import org.tokendesk.token.SniProblem;
import org.tokendesk.token.TokenProblem;

/** The user's words for the core's outcomes, shared by the window and the CLI. */
public final class Words {
    private Words() {
    }

    public static String of(TokenProblem problem) {
        return Text.get("token.problem." + problem.kind().name(), problem.detail());
    }

    public static String of(RegistryParse.Invalid invalid) {
        return Text.get("registry.problem." + invalid.reason().name(), invalid.input());
    }

    public static String of(SniProblem problem) {
        return Text.get("sni.problem." + problem.kind().name(), problem.detail());
    }

    /** The window's message when saving one of the app's files failed: it names that file. */
    public static String saveFailed(SavedFile file, String reason) {
        return switch (file) {
            case TOKEN_LIST -> Text.get("ui.saveFailed", reason);
            case SETTINGS -> Text.get("ui.saveFailed.settings", reason);
        };
    }

    /** Where the secrets are kept, for the settings window. */
    public static String of(SecretStorage storage) {
        if (storage instanceof SecretStorage.InKeyring k) {
            return Text.get("store.storage.keyring", k.keyring());
        }
        SecretStorage.InFile f = (SecretStorage.InFile) storage;
        return Text.get("store.storage.file." + f.why().name(), f.detail());
    }

    public static String of(SecretMove move) {
        if (move instanceof SecretMove.Moved m) {
            return Text.get("store.move.done", m.tokens());
        }
        SecretMove.Refused r = (SecretMove.Refused) move;
        return Text.get("store.move.refused." + r.reason().name(), r.detail());
    }

    /** What an export file says about itself, in the current language. */
    public static ExportNotes exportNotes(Instant now) {
        return new ExportNotes(Text.get("export.header", now.toString()), Text.get("export.warning"));
    }

    public static String of(ImportResult.Unreadable unreadable) {
        return Text.get("import.unreadable." + unreadable.why().name(), unreadable.detail());
    }

    /** Why an imported entry was not added; empty text for an accepted one. */
    public static String of(ImportedEntry entry) {
        if (entry instanceof ImportedEntry.BadEntry b) {
            return Text.get("import.entry." + b.why().name(), b.position(), b.detail());
        }
        if (entry instanceof ImportedEntry.BadToken b) {
            return Text.get("import.entry.badToken", b.position(), of(b.problem()));
        }
        if (entry instanceof ImportedEntry.Duplicate d) {
            return Text.get("import.entry.duplicate", d.position(), d.token().masked());
        }
        return "";
    }

    /** A keep-online list's line that was not kept, named by {@code source} and line ("list.txt, line 3: …"). */
    public static String of(KeepOnlineList.Entry entry, String source) {
        String where = Text.get("cli.keepOnline.source.line", source, entry.line());
        if (entry instanceof KeepOnlineList.Repeated r) {
            return Text.get("cli.keepOnline.duplicate", where, r.token().masked(), r.keptPort());
        }
        if (entry instanceof KeepOnlineList.BadPort b) {
            return Text.get("cli.check.problem", where, Text.get("cli.keepOnline.badPort", b.token().masked(), b.portText()));
        }
        return Text.get("cli.check.problem", where, of(((KeepOnlineList.BadToken) entry).problem()));
    }

    /** The probe's outcome in one sentence, e.g. "serving: …" or "TLS name mismatch: …". */
    public static String of(ProbeReport report) {
        String at = report.address();
        ProbeOutcome o = report.outcome();
        if (o instanceof ProbeOutcome.Serving) {
            return report.workedOver().orElse(Attempt.Transport.TLS) == Attempt.Transport.PLAINTEXT
                    ? Text.get("probe.serving.plaintext", at)
                    : Text.get("probe.serving", at);
        }
        if (o instanceof ProbeOutcome.NotServing) {
            return Text.get("probe.notServing", at);
        }
        if (o instanceof ProbeOutcome.Unknown u) {
            return Text.get("probe.unknown", at, u.detail());
        }
        if (o instanceof ProbeOutcome.PortClosed) {
            return Text.get("probe.portClosed", at);
        }
        if (o instanceof ProbeOutcome.Unreachable u) {
            return Text.get("probe.unreachable", at, u.detail());
        }
        if (o instanceof ProbeOutcome.TimedOut t) {
            return Text.get("probe.timedOut." + t.stage().name(), at);
        }
        if (o instanceof ProbeOutcome.NameMismatch m) {
            return Text.get("probe.nameMismatch", m.expected(), String.join(", ", m.seen()));
        }
        if (o instanceof ProbeOutcome.UntrustedCertificate u) {
            return Text.get("probe.untrusted." + u.why().name(), u.subject(), u.issuer());
        }
        if (o instanceof ProbeOutcome.NotGrpc n) {
            return Text.get("probe.notGrpc." + n.why().name(), at, n.detail(), report.serverName().name());
        }
        if (o instanceof ProbeOutcome.GrpcError g) {
            return g.unimplemented() ? Text.get("probe.grpcError.unimplemented", at) : Text.get("probe.grpcError", at, g.code(), g.message());
        }
        if (o instanceof ProbeOutcome.TlsFailed t) {
            return Text.get("probe.tlsFailed", at, t.detail());
        }
        return Text.get("probe.failed", at, ((ProbeOutcome.Failed) o).detail());
    }

    /** What the probe tried and checked, one line per step: the TCP connect, then each attempt. */
    public static List<String> checks(ProbeReport report) {
        List<String> lines = new ArrayList<>();
        report.tcpConnect().ifPresent(d -> lines.add(Text.get("probe.check.tcp", d.toMillis())));
        for (Attempt attempt : report.attempts()) {
            List<String> passed = new ArrayList<>();
            for (Attempt.Check check : attempt.passed().stream().sorted().toList()) {
                switch (check) {
                    case CHAIN -> passed.add(Text.get("probe.check.CHAIN." + report.trust().name()));
                    case SERVER_NAME -> passed.add(Text.get("probe.check.SERVER_NAME." + attempt.certificate()
                            .map(c -> c.nameSource().name()).orElse("COMMON_NAME")));
                    default -> passed.add(Text.get("probe.check." + check.name()));
                }
            }
            String how = attempt.transport() == Attempt.Transport.TLS
                    ? Text.get("probe.attempt.TLS", report.serverName().name(), Text.get("probe.serverName." + report.serverName().source().name()))
                    : Text.get("probe.attempt.PLAINTEXT");
            String result = passed.isEmpty() ? Text.get("probe.check.none") : String.join(", ", passed);
            lines.add(Text.get("probe.checked", how, result, attempt.took().toMillis()));
        }
        return lines;
    }

    /** Like {@link #of(Lookup)}, without the latency, for places that show it on its own. */
    public static String state(Lookup lookup) {
        if (lookup instanceof Lookup.Resolved r) {
            return Text.get("lookup.resolved", r.address());
        }
        return of(lookup);
    }

    public static String of(Lookup lookup) {
        if (lookup instanceof Lookup.Resolved r) {
            return Text.get("lookup.resolved.latency", r.address(), r.latency().toMillis());
        }
        if (lookup instanceof Lookup.Unreachable u) {
            return u.publicIp() == null
                    ? Text.get("lookup.unreachable.noIp", Integer.toString(u.port()))
                    : Text.get("lookup.unreachable", Hosts.hostPort(u.publicIp(), u.port()));
        }
        if (lookup instanceof Lookup.NotRegistered n) {
            return n.status() >= 400
                    ? Text.get("lookup.notRegistered.status", Integer.toString(n.status()))
                    : Text.get("lookup.notRegistered");
        }
        Lookup.Failed f = (Lookup.Failed) lookup;
        if (f.untrusted()) {
            return Text.get("lookup.failed.TLS.untrusted");
        }
        return Text.get("lookup.failed." + f.failure().name(), f.detail());
    }
}
