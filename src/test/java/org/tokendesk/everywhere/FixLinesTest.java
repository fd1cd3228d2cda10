package org.tokendesk.everywhere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.everywhere.FixLines.Kind;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.EverywhereWords;

/** The copy-ready lines: right variable names, right value, nothing the SDK cannot use. */
class FixLinesTest {
    private static final String JUZI = "token-service-discovery-test.juzibot.com";
    private static final Duration MS = Duration.ofMillis(80);

    @BeforeEach
    void english() {
        Text.use("en");
    }

    private static FixLines fix(Registry at, Lookup lookup) {
        return FixLines.toReach(new RegistryOutcome(at, lookup));
    }

    private static String text(FixLines fix, Kind kind) {
        return fix.snippet(kind).orElseThrow().text();
    }

    @Test
    void anHttpsRegistryAtItsRootIsReachedByItsAuthority() {
        FixLines fix = fix(Registry.JUZIBOT, new Lookup.Resolved("203.0.113.7", 8788, MS));
        assertEquals(FixLines.Mode.AUTHORITY, fix.mode());
        assertEquals("WECHATY_PUPPET_SERVICE_AUTHORITY=" + JUZI, fix.line().orElseThrow());
        assertEquals("export WECHATY_PUPPET_SERVICE_AUTHORITY=\"" + JUZI + "\"", text(fix, Kind.SHELL));
        assertEquals("set WECHATY_PUPPET_SERVICE_AUTHORITY=" + JUZI, text(fix, Kind.CMD));
        assertEquals("$env:WECHATY_PUPPET_SERVICE_AUTHORITY=\"" + JUZI + "\"", text(fix, Kind.POWERSHELL));
        assertEquals("WECHATY_PUPPET_SERVICE_AUTHORITY=" + JUZI, text(fix, Kind.DOTENV));
        assertEquals(List.of(Kind.values()), fix.snippets().stream().map(FixLines.Snippet::kind).toList());
    }

    @Test
    void theCodeSnippetsUseEachSdksOwnNames() {
        FixLines fix = fix(Registry.JUZIBOT, new Lookup.Resolved("203.0.113.7", 8788, MS));
        String node = text(fix, Kind.NODE);
        assertTrue(node.contains("import { PuppetService } from 'wechaty-puppet-service'"), node);
        assertTrue(node.contains("authority: '" + JUZI + "',"), node);
        assertTrue(node.contains("token: process.env.WECHATY_PUPPET_SERVICE_TOKEN,"), node);
        assertTrue(node.contains("WechatyBuilder.build({ puppet })"), node);

        String go = text(fix, Kind.GO);
        assertTrue(go.contains("os.Setenv(\"WECHATY_PUPPET_SERVICE_AUTHORITY\", \"" + JUZI + "\")"), go);
        assertTrue(go.contains("wechaty.WithPuppetOption(&wp.Option{"), go);
        assertTrue(go.contains("Token: os.Getenv(\"WECHATY_PUPPET_SERVICE_TOKEN\"),"), go);

        // python-wechaty asks api.chatie.io whatever is set: the snippet resolves at the right registry itself.
        String python = text(fix, Kind.PYTHON);
        assertTrue(python.contains("requests.get('https://" + JUZI + "/v0/hosties/' + quote(token, safe=''), timeout=20)"), python);
        assertTrue(python.contains("os.environ['WECHATY_PUPPET_SERVICE_TOKEN']"), python);
        assertTrue(python.contains("PuppetOptions(token=token, end_point=endpoint)"), python);
        assertTrue(python.contains("puppet='wechaty-puppet-service'"), python);
    }

    @Test
    void anAuthorityKeepsItsPort() {
        Registry own = Registry.tryParse(" registry.example.com:8443 ").orElseThrow();
        FixLines fix = fix(own, new Lookup.Resolved("203.0.113.7", 8788, MS));
        assertEquals("export WECHATY_PUPPET_SERVICE_AUTHORITY=\"registry.example.com:8443\"", text(fix, Kind.SHELL));
        assertTrue(text(fix, Kind.PYTHON).contains("'https://registry.example.com:8443/v0/hosties/'"));
    }

    @Test
    void aPlainHttpRegistryIsNotPassedOffAsAnAuthority() {
        Registry lan = Registry.tryParse("http://192.168.1.5:8080").orElseThrow();
        FixLines fix = fix(lan, new Lookup.Resolved("192.168.1.20", 8788, MS));
        assertEquals(FixLines.Mode.ENDPOINT, fix.mode());
        assertEquals("WECHATY_PUPPET_SERVICE_ENDPOINT=192.168.1.20:8788", fix.line().orElseThrow());
        assertEquals("export WECHATY_PUPPET_SERVICE_ENDPOINT=\"192.168.1.20:8788\"", text(fix, Kind.SHELL));
        assertTrue(text(fix, Kind.NODE).contains("endpoint: '192.168.1.20:8788',"));
        assertTrue(text(fix, Kind.GO).contains("Endpoint: \"192.168.1.20:8788\","));
        assertFalse(fix.snippets().stream().anyMatch(s -> s.text().contains("WECHATY_PUPPET_SERVICE_AUTHORITY")));
        // Python does its own lookup, so it can use the registry as it is.
        assertTrue(text(fix, Kind.PYTHON).contains("'http://192.168.1.5:8080/v0/hosties/'"));
        String said = EverywhereWords.fix(fix);
        assertTrue(said.contains("https://<authority>/v0/hosties/<token>"), said);
        assertTrue(said.contains("http://192.168.1.5:8080 uses plain http://"), said);
        assertTrue(said.contains("WECHATY_PUPPET_SERVICE_ENDPOINT=192.168.1.20:8788"), said);
    }

    @Test
    void aRegistryBelowAPathWithoutAnAddressLeavesOnlyTheHonestWord() {
        Registry behindPath = Registry.tryParse("https://tools.example.com/discovery").orElseThrow();
        FixLines fix = fix(behindPath, new Lookup.Unreachable("203.0.113.7", 8788, MS));
        assertEquals(FixLines.Mode.NONE, fix.mode());
        assertTrue(fix.line().isEmpty());
        assertEquals(List.of(Kind.PYTHON), fix.snippets().stream().map(FixLines.Snippet::kind).toList());
        String said = EverywhereWords.fix(fix);
        assertTrue(said.contains("sits below the path /discovery"), said);
    }

    @Test
    void anIpv6AddressIsBracketed() {
        Registry lan = Registry.tryParse("http://[fd00::1]:8080").orElseThrow();
        FixLines fix = fix(lan, new Lookup.Resolved("2001:db8::5", 8788, MS));
        assertEquals("WECHATY_PUPPET_SERVICE_ENDPOINT=[2001:db8::5]:8788", fix.line().orElseThrow());
    }

    @Test
    void everySnippetHasALabelAndANoteInBothLanguages() {
        List<FixLines> fixes = List.of(
                fix(Registry.JUZIBOT, new Lookup.Resolved("203.0.113.7", 8788, MS)),
                fix(Registry.tryParse("http://192.168.1.5:8080").orElseThrow(), new Lookup.Resolved("192.168.1.20", 8788, MS)));
        for (String language : List.of("en", "zh_CN")) {
            Text.use(language);
            for (FixLines fix : fixes) {
                for (FixLines.Snippet s : fix.snippets()) {
                    String label = EverywhereWords.snippetLabel(s.kind());
                    String note = EverywhereWords.snippetNote(fix, s.kind()).orElseThrow();
                    assertFalse(label.startsWith("!") || note.startsWith("!"), language + " " + s.kind());
                }
                assertFalse(EverywhereWords.fix(fix).contains("!everywhere"), language);
            }
        }
    }
}
