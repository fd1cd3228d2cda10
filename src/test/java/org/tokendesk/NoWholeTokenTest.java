package org.tokendesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.cli.Cli;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.export.ExportFormat;
import org.tokendesk.export.ImportResult;
import org.tokendesk.export.ImportedEntry;
import org.tokendesk.export.TokenExport;
import org.tokendesk.export.TokenImport;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.Http;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.secrets.KeyringCheck;
import org.tokendesk.store.SavedToken;
import org.tokendesk.store.TokenStore;
import org.tokendesk.testing.Captured;
import org.tokendesk.testing.MemoryKeyring;
import org.tokendesk.testing.Ports;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/**
 * The no-whole-token rule across the app's non-UI flows: known tokens go through paste, lookup
 * (found, not found, registry down), probe, store with keyring, export/import and the CLI's
 * error path, while everything printed to stdout/stderr and every java.util.logging record is
 * captured; then all of it, every message the user would read, and the files that must not hold
 * secrets are scanned for the tokens.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoWholeTokenTest {
    private static final Token REGISTERED = Token.of("insecure_" + UUID.randomUUID());
    private static final Token UNKNOWN = Token.of("puppet_padlocal_" + UUID.randomUUID());
    private static final TokenLeaks LEAKS = TokenLeaks.of(REGISTERED, UNKNOWN);

    @TempDir
    Path home;

    private final List<String> shown = new ArrayList<>();
    private Captured captured;

    @BeforeEach
    void capture() {
        captured = Captured.start(Level.ALL);
    }

    @AfterEach
    void release() {
        captured.close();
        Text.use(Locale.ENGLISH);
    }

    @Test
    void noFlowPrintsLogsOrShowsAWholeToken() throws Exception {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Text.use(locale);
            pasteAndBadInput();
            lookups();
            probe();
            storeAndExport();
            cli();
        }

        LEAKS.assertNoneIn("stdout/stderr", captured.console());
        LEAKS.assertNoneIn("java.util.logging", String.join("\n", captured.logRecords()));
        LEAKS.assertNoneIn("messages shown", String.join("\n", shown));
        LEAKS.assertNoneUnder(home.resolve("logs"));
        LEAKS.assertNoneIn("tokens.json with a keyring", Files.readString(home.resolve("tokens.json")));
    }

    private void pasteAndBadInput() {
        shown.add(REGISTERED.toString());
        shown.add(String.valueOf(List.of(REGISTERED, UNKNOWN)));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Token.of(REGISTERED.reveal() + " extra"));
        LEAKS.assertNoneIn("Token.of error", bad);
    }

    private void lookups() throws Exception {
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        try (RegistryStub registry = RegistryStub.start().register(REGISTERED.reveal(), "127.0.0.1", 8788);
             DiscoveryClient discovery = new DiscoveryClient(http, 2)) {
            Lookup found = discovery.lookupNow(registry.registry(), REGISTERED);
            assertEquals(Lookup.Resolved.class, found.getClass());
            shown.add(Words.of(found) + found);
            Lookup missing = discovery.lookupNow(registry.registry(), UNKNOWN);
            shown.add(Words.of(missing) + missing);
            Lookup down = discovery.lookupNow(RegistryStub.down(), REGISTERED);
            shown.add(Words.of(down) + down);
        } finally {
            Http.shutdown(http);
        }
    }

    private void probe() throws Exception {
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        try (Probe probe = new Probe(http, ProbeConfig.defaults(), 1)) {
            ProbeReport closed = probe.probeNow(REGISTERED, "127.0.0.1", Ports.closed());
            shown.add(Words.of(closed) + Words.checks(closed) + closed);
            try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                // Accepts and closes: the TLS attempt and the plaintext one both fail.
                Thread acceptor = new Thread(() -> {
                    for (int i = 0; i < 3; i++) {
                        try {
                            silent.accept().close();
                        } catch (java.io.IOException e) {
                            return;
                        }
                    }
                });
                acceptor.setDaemon(true);
                acceptor.start();
                ProbeReport dropped = probe.probeNow(UNKNOWN, "127.0.0.1", silent.getLocalPort());
                shown.add(Words.of(dropped) + Words.checks(dropped) + dropped);
            }
        } finally {
            Http.shutdown(http);
        }
    }

    private void storeAndExport() throws Exception {
        MemoryKeyring keyring = new MemoryKeyring();
        TokenStore store = new TokenStore(home.resolve("tokens.json"), new KeyringCheck.Available(keyring));
        store.load();
        List<SavedToken> list = List.of(SavedToken.added(REGISTERED, Instant.now()), SavedToken.added(UNKNOWN, Instant.now()).withLabel("shop"));
        store.save(list);
        shown.add(String.valueOf(store.load()) + store.storage());

        Path exported = home.resolve("export.env");
        TokenExport.write(exported, list, ExportFormat.DOTENV, Instant.now(), Words.exportNotes(Instant.now()));
        ImportResult result = TokenImport.read(exported, Set.of(REGISTERED), Instant.now());
        for (ImportedEntry e : ((ImportResult.Read) result).entries()) {
            shown.add(Words.of(e));
        }
        shown.add(Words.of(new ImportResult.Unreadable(ImportResult.Unreadable.Why.NOT_JSON, "line 1")));
    }

    private void cli() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli.run(new String[] {REGISTERED.reveal()}, new PrintWriter(out, true), new PrintWriter(err, true));
        Cli.run(new String[] {"--token=" + UNKNOWN.reveal()}, new PrintWriter(out, true), new PrintWriter(err, true));
        shown.add(out.toString());
        shown.add(err.toString());
    }
}
