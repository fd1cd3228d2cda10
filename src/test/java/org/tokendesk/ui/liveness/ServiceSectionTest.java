package org.tokendesk.ui.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.probe.Probe;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.Timing;
import org.tokendesk.store.SavedToken;
import org.tokendesk.testing.PuppetServer;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TestPki;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;
import org.tokendesk.ui.model.DetailSection;
import org.tokendesk.ui.model.RowProbe;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * The Service tab's automatic probe as a user sees it: a service that is healthy but does not take this token must
 * say so, since that bot will not start. Real registry stub and a grpc-java puppet service over TLS, on loopback.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServiceSectionTest extends ApplicationTest {
    private static final TestPki CA = TestPki.newCa("service-tab-root");
    private static final Token MINE = Token.of("insecure_" + UUID.randomUUID());
    private static final Token STRANGER = Token.of("insecure_" + UUID.randomUUID());
    private static final TokenLeaks LEAKS = TokenLeaks.of(MINE, STRANGER);

    private OkHttpClient http;
    private DiscoveryClient discovery;
    private KeepOnline engine;
    private Probe probe;
    private RegistryStub registry;
    private PuppetServer service;
    private TokenListModel model;
    private SimpleObjectProperty<TokenRow> selected;
    private ServiceSection section;

    @BeforeAll
    static void english() {
        Text.use(Locale.ENGLISH);
    }

    @Override
    public void start(Stage stage) throws Exception {
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        discovery = new DiscoveryClient(http, 2);
        engine = new KeepOnline(discovery, Timing.DEFAULT);
        probe = new Probe(http, ProbeConfig.defaults().withTrust(List.of(CA.caCertificate()), ProbeConfig.TrustSource.CUSTOM), 2);
        registry = RegistryStub.start();
        service = PuppetServer.tls(CA.v1Server("insecure"), MINE);
        // Both tokens point at the one service, which only takes MINE.
        registry.register(MINE.reveal(), "127.0.0.1", service.port()).register(STRANGER.reveal(), "127.0.0.1", service.port());
        model = new TokenListModel(discovery, engine, probe, registry.registry(), SavedToken.DEFAULT_PORT, list -> { }, Clock.systemUTC());
        selected = new SimpleObjectProperty<>();
        section = new ServiceSection(model, new DetailSection.Selection(selected, new SimpleBooleanProperty(true)));
        stage.setScene(new Scene((Parent) section.view(), 900, 500));
        stage.show();
    }

    @AfterEach
    void closeAll() {
        engine.close();
        probe.close();
        service.close();
        registry.close();
        discovery.close();
        Http.shutdown(http);
    }

    @Test
    void aHealthyServiceThatRejectsTheTokenIsShownAsRejected() throws Exception {
        TokenRow row = checked(STRANGER);

        String call = text("#serviceTokenCall");
        assertTrue(call.contains("UNAUTHENTICATED") || call.toLowerCase(Locale.ROOT).contains("rejected"), call);
        assertEquals(Text.get("probe.brief.tokenRejected"), ProbeWords.brief(row.probeProperty().get()));
        assertEquals(org.tokendesk.ui.Tone.ERROR, ProbeWords.tone(row.probeProperty().get()));
        LEAKS.assertNoneIn("service tab", text("#serviceTokenCall") + "\n" + text("#serviceOutcome"));
    }

    @Test
    void theServicesOwnTokenIsShownAsAccepted() throws Exception {
        TokenRow row = checked(MINE);

        String call = text("#serviceTokenCall");
        assertTrue(call.startsWith(Text.get("chain.accepted.noVersion")), call);
        assertEquals(org.tokendesk.ui.Tone.OK, ProbeWords.tone(row.probeProperty().get()));
        LEAKS.assertNoneIn("service tab", call + "\n" + text("#serviceOutcome"));
    }

    private TokenRow checked(Token token) throws Exception {
        TokenRow[] row = new TokenRow[1];
        interact(() -> {
            row[0] = model.add(token.reveal()).added().get(0);
            selected.set(row[0]);
            model.check(List.of(row[0]));
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> row[0].probeProperty().get() instanceof RowProbe.Probed);
        WaitForAsyncUtils.waitForFxEvents();
        return row[0];
    }

    private String text(String id) {
        return ((Label) lookup(id).query()).getText();
    }
}
