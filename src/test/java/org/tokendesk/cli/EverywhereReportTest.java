package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.Everywhere;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.token.Token;

/** {@code tokendesk check --all-registries}: the table, the verdict, and exit codes as for {@code check}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EverywhereReportTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private OkHttpClient http;
    private DiscoveryClient discovery;

    @BeforeEach
    void setUp() {
        Text.use("en");
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        discovery = new DiscoveryClient(http, 4);
    }

    @AfterEach
    void tearDown() throws Exception {
        Text.use("en");
        discovery.close();
        Http.shutdown(http);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private RegistryStub registry() throws Exception {
        RegistryStub r = RegistryStub.start();
        open.add(r);
        return r;
    }

    private static Token token() {
        return Token.of("puppet_workpro_" + UUID.randomUUID());
    }

    /** Only loopback registries: the public ones are not asked from tests. */
    private int run(Registry chosen, List<Registry> others, String... tokens) {
        return EverywhereReport.run(List.of(tokens), chosen, others, List.of(), new Everywhere(discovery), 4,
                new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void resolvingAtTheChosenRegistryExitsZero() throws Exception {
        Token t = token();
        RegistryStub chosen = registry().register(t.reveal(), "127.0.0.1", 8788);
        RegistryStub other = registry();

        assertEquals(Cli.OK, run(chosen.registry(), List.of(other.registry()), t.reveal()));
        String text = out.toString();
        assertTrue(text.contains("Token " + t.masked()), text);
        assertTrue(text.contains("Registry"), text);
        assertTrue(text.contains("*  " + chosen.registry().displayName()), text);
        assertTrue(text.contains("resolves → 127.0.0.1:8788"), text);
        assertTrue(text.contains("Verdict: " + chosen.registry().displayName() + " knows this token"), text);
        assertFalse(text.contains(t.reveal()), "whole token printed");
    }

    @Test
    void registeredElsewhereExitsOneAndPrintsTheLineToSet() throws Exception {
        Token t = token();
        RegistryStub chosen = registry();
        RegistryStub juzi = registry().register(t.reveal(), "127.0.0.1", 9001);

        assertEquals(Cli.NOT_REGISTERED, run(chosen.registry(), List.of(juzi.registry()), t.reveal()));
        String text = out.toString();
        assertTrue(text.contains("Verdict: Registered at " + juzi.registry().displayName() + ", not at " + chosen.registry().displayName()), text);
        assertTrue(text.contains("WECHATY_PUPPET_SERVICE_ENDPOINT=127.0.0.1:9001"), text);
        assertFalse(text.contains(t.reveal()), "whole token printed");
    }

    @Test
    void registeredNowhereExitsOne() throws Exception {
        RegistryStub a = registry();
        assertEquals(Cli.NOT_REGISTERED, run(a.registry(), List.of(), token().reveal()));
        assertTrue(out.toString().contains("Verdict: Not registered at any of the 1 registries asked"), out.toString());
    }

    @Test
    void errorsOnlyExitTwo() throws Exception {
        assertEquals(Cli.ERROR, run(RegistryStub.down(), List.of(RegistryStub.down()), token().reveal()));
        assertTrue(out.toString().contains("Verdict: Cannot tell"), out.toString());
    }

    @Test
    void theWorstTokenDecidesTheExitCode() throws Exception {
        Token here = token();
        Token elsewhere = token();
        RegistryStub chosen = registry().register(here.reveal(), "127.0.0.1", 8788);
        RegistryStub other = registry().register(elsewhere.reveal(), "127.0.0.1", 8789);

        assertEquals(Cli.NOT_REGISTERED, run(chosen.registry(), List.of(other.registry()), here.reveal(), elsewhere.reveal(), here.reveal()));
        String text = out.toString();
        assertEquals(2, text.split("Verdict: ", -1).length - 1, "one verdict per distinct token: " + text);
    }

    @Test
    void aBadTokenIsRefusedBeforeAnythingGoesOnTheNetwork() throws Exception {
        RegistryStub a = registry();
        String secretish = "puppet_workpro_" + UUID.randomUUID();
        assertEquals(Cli.ERROR, run(a.registry(), List.of(), token().reveal(), "\"" + secretish));
        assertEquals(0, a.requests());
        assertTrue(err.toString().startsWith("Not a token: "), err.toString());
        assertFalse(err.toString().contains(secretish), "whole token in the error");
        assertEquals("", out.toString());
    }

    @Test
    void noTokensIsBadInput(@TempDir Path home) {
        int exit = EverywhereReport.run(List.of(), Map.of("TOKENDESK_HOME", home.toString()), new PrintWriter(out), new PrintWriter(err));
        assertEquals(Cli.ERROR, exit);
        assertTrue(err.toString().contains("Give at least one token"), err.toString());
    }

    @Test
    void chineseColumnsLineUp() throws Exception {
        Text.use("zh_CN");
        Token t = token();
        RegistryStub chosen = registry().register(t.reveal(), "127.0.0.1", 8788);

        assertEquals(Cli.OK, run(chosen.registry(), List.of(), t.reveal()));
        String[] lines = out.toString().split("\n");
        assertTrue(lines[1].contains("注册中心"), lines[1]);
        // The answer column starts at the same terminal cell in the header and in the row.
        int header = EverywhereReport.width(lines[1].substring(0, lines[1].indexOf("应答")));
        int row = EverywhereReport.width(lines[2].substring(0, lines[2].indexOf("解析到")));
        assertEquals(header, row, out.toString());
    }

    @Test
    void wideCharactersTakeTwoCells() {
        assertEquals(4, EverywhereReport.width("耗时"));
        assertEquals(5, EverywhereReport.width("ab耗c"));
    }
}
