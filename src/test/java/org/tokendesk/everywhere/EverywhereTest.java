package org.tokendesk.everywhere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.token.Token;

/** Check everywhere against real registries on loopback: which one knows the token, and never waiting on a dead one. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EverywhereTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private OkHttpClient http;
    private DiscoveryClient discovery;

    @BeforeEach
    void client() {
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        discovery = new DiscoveryClient(http, 8);
    }

    @AfterEach
    void closeAll() throws Exception {
        discovery.close();
        Http.shutdown(http);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private RegistryStub registry() throws IOException {
        RegistryStub r = RegistryStub.start();
        open.add(r);
        return r;
    }

    static Token token(String prefix) {
        return Token.of(prefix + "_" + UUID.randomUUID());
    }

    private Sweep check(Token token, Registry chosen, Registry... others) throws Exception {
        return new Everywhere(discovery).check(token, chosen, List.of(others), o -> { }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theVerdictNamesTheRegistryThatKnowsTheToken() throws Exception {
        Token padlocal = token("puppet_padlocal");
        Token workpro = token("puppet_workpro");
        RegistryStub chatie = registry().register(padlocal.reveal(), "127.0.0.1", 8788);
        RegistryStub juzi = registry().register(workpro.reveal(), "127.0.0.1", 9001);

        Verdict there = check(workpro, chatie.registry(), juzi.registry()).verdict();
        Verdict.RegisteredElsewhere elsewhere = assertInstanceOf(Verdict.RegisteredElsewhere.class, there);
        assertEquals(juzi.registry(), elsewhere.at().registry());
        assertInstanceOf(Lookup.NotRegistered.class, elsewhere.chosenLookup());
        // A plain-http registry cannot be named by an authority: the fix dials the address it resolved to.
        assertEquals(FixLines.Mode.ENDPOINT, elsewhere.fix().mode());
        assertEquals("WECHATY_PUPPET_SERVICE_ENDPOINT=127.0.0.1:9001", elsewhere.fix().line().orElseThrow());

        Verdict here = check(padlocal, chatie.registry(), juzi.registry()).verdict();
        Verdict.FineAtChosen fine = assertInstanceOf(Verdict.FineAtChosen.class, here);
        assertEquals(List.of(), fine.alsoAt());
    }

    @Test
    void registeredAtSeveralNamesThemAll() throws Exception {
        Token t = token("insecure");
        RegistryStub chosen = registry();
        RegistryStub a = registry().register(t.reveal(), "127.0.0.1", 8788);
        RegistryStub b = registry().register(t.reveal(), "127.0.0.1", 8789);

        Verdict.RegisteredAtSeveral several = assertInstanceOf(Verdict.RegisteredAtSeveral.class,
                check(t, chosen.registry(), a.registry(), b.registry()).verdict());
        assertEquals(List.of(a.registry(), b.registry()), several.at().stream().map(RegistryOutcome::registry).toList());
        assertEquals(2, several.fixes().size());
    }

    @Test
    void registeredNowhere() throws Exception {
        Token t = token("insecure");
        RegistryStub a = registry();
        RegistryStub b = registry();

        Sweep sweep = check(t, a.registry(), b.registry());
        Verdict.RegisteredNowhere nowhere = assertInstanceOf(Verdict.RegisteredNowhere.class, sweep.verdict());
        assertEquals(List.of(a.registry(), b.registry()), nowhere.asked());
        assertEquals(1, a.requests());
        assertEquals(1, b.requests());
    }

    @Test
    void aRegistryThatIsDownDoesNotHideTheOneThatKnows() throws Exception {
        Token t = token("puppet_workpro");
        Registry dead = RegistryStub.down();
        RegistryStub juzi = registry().register(t.reveal(), "127.0.0.1", 9001);

        Sweep sweep = check(t, dead, juzi.registry());
        Verdict.RegisteredElsewhere elsewhere = assertInstanceOf(Verdict.RegisteredElsewhere.class, sweep.verdict());
        Lookup.Failed failed = assertInstanceOf(Lookup.Failed.class, elsewhere.chosenLookup());
        assertEquals(Lookup.Failure.CANNOT_CONNECT, failed.failure());
        assertEquals(juzi.registry(), elsewhere.at().registry());
    }

    @Test
    void aStalledRegistryDoesNotHoldTheAnswerPastTheDeadline() throws Exception {
        Token t = token("puppet_workpro");
        RegistryStub stalled = registry().stall();
        RegistryStub juzi = registry().register(t.reveal(), "127.0.0.1", 9001);
        List<RegistryOutcome> heard = Collections.synchronizedList(new ArrayList<>());

        // The stalled registry holds its request for up to 60 s and OkHttp would wait 16 s for it; the deadline is 1 s.
        Sweep sweep = new Everywhere(discovery, Duration.ofSeconds(1))
                .check(t, stalled.registry(), List.of(juzi.registry()), heard::add)
                .get(15, TimeUnit.SECONDS);

        assertEquals(1, stalled.stalledNow(), "the answer came while the registry was still stalling");
        RegistryOutcome slow = sweep.chosenOutcome();
        Lookup.Failed timeout = assertInstanceOf(Lookup.Failed.class, slow.lookup());
        assertEquals(Lookup.Failure.TIMEOUT, timeout.failure());
        assertEquals(Duration.ofSeconds(1), timeout.latency());
        Verdict.RegisteredElsewhere elsewhere = assertInstanceOf(Verdict.RegisteredElsewhere.class, sweep.verdict());
        assertEquals(juzi.registry(), elsewhere.at().registry());
        assertEquals(2, heard.size(), "every registry's outcome is reported as it arrives");
    }

    @Test
    void errorsOnlyCannotTellAndSaysWhichFailed() throws Exception {
        Token t = token("insecure");
        Registry deadA = RegistryStub.down();
        Registry deadB = RegistryStub.down();

        Verdict.CannotTell cannot = assertInstanceOf(Verdict.CannotTell.class, check(t, deadA, deadB).verdict());
        assertTrue(cannot.errorsOnly());
        assertEquals(List.of(deadA, deadB), cannot.failed().stream().map(RegistryOutcome::registry).toList());
    }

    @Test
    void notRegisteredHereAndAnErrorThereCannotTell() throws Exception {
        Token t = token("insecure");
        RegistryStub answers = registry();
        Registry dead = RegistryStub.down();

        Verdict.CannotTell cannot = assertInstanceOf(Verdict.CannotTell.class, check(t, answers.registry(), dead).verdict());
        assertEquals(List.of(answers.registry()), cannot.notRegisteredAt());
        assertEquals(dead, cannot.failed().get(0).registry());
    }

    @Test
    void zeroAddressOrZeroPortIsNotRegisteredWhateverTheStatus() throws Exception {
        Token zeroHost200 = token("insecure");
        Token zeroPort200 = token("insecure");
        Token zeroBoth200 = token("insecure");
        Token zero404 = token("insecure");
        RegistryStub r = registry()
                .answers(zeroHost200.reveal(), 200, "{\"host\":\"0.0.0.0\",\"port\":8788}")
                .answers(zeroPort200.reveal(), 200, "{\"host\":\"127.0.0.1\",\"port\":0}")
                .answers(zeroBoth200.reveal(), 200, "{\"host\":\"0.0.0.0\",\"ip\":\"0.0.0.0\",\"port\":0}")
                .answers(zero404.reveal(), 404, "{\"ip\":\"0.0.0.0\",\"port\":0}");

        for (Token t : List.of(zeroHost200, zeroPort200, zeroBoth200, zero404)) {
            Sweep sweep = check(t, r.registry());
            assertInstanceOf(Lookup.NotRegistered.class, sweep.chosenOutcome().lookup(), t.masked());
            assertInstanceOf(Verdict.RegisteredNowhere.class, sweep.verdict(), t.masked());
        }
    }

    @Test
    void aFollowUpReusesTheChosenRegistrysAnswer() throws Exception {
        Token t = token("puppet_workpro");
        RegistryStub chosen = registry();
        RegistryStub juzi = registry().register(t.reveal(), "127.0.0.1", 9001);
        Lookup atChosen = discovery.lookupNow(chosen.registry(), t);
        assertTrue(Everywhere.worthAskingElsewhere(atChosen));
        List<RegistryOutcome> heard = Collections.synchronizedList(new ArrayList<>());

        Sweep sweep = new Everywhere(discovery).followUp(t, chosen.registry(), atChosen, List.of(juzi.registry()), heard::add)
                .get(30, TimeUnit.SECONDS);
        assertEquals(1, chosen.requests(), "the chosen registry is not asked twice");
        assertEquals(List.of(juzi.registry()), heard.stream().map(RegistryOutcome::registry).toList());
        assertInstanceOf(Verdict.RegisteredElsewhere.class, sweep.verdict());
        assertFalse(Everywhere.worthAskingElsewhere(new Lookup.Resolved("127.0.0.1", 1, Duration.ZERO)));
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheCheck() throws Exception {
        Token t = token("insecure");
        RegistryStub a = registry().register(t.reveal(), "127.0.0.1", 8788);

        Sweep sweep = new Everywhere(discovery).check(t, a.registry(), List.of(), o -> {
            throw new IllegalStateException("listener bug");
        }).get(30, TimeUnit.SECONDS);
        assertInstanceOf(Verdict.FineAtChosen.class, sweep.verdict());
    }

    @Test
    void theChosenRegistryIsAskedOnceAndFirst() throws Exception {
        Token t = token("insecure");
        RegistryStub a = registry();
        RegistryStub b = registry();

        Sweep sweep = check(t, b.registry(), a.registry(), b.registry(), a.registry());
        assertEquals(List.of(b.registry(), a.registry()), sweep.outcomes().stream().map(RegistryOutcome::registry).toList());
        assertEquals(1, b.requests());
        assertEquals(1, a.requests());
    }
}
