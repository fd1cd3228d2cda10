package org.tokendesk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.tokendesk.chain.Link;
import org.tokendesk.chain.SdkFix;
import org.tokendesk.chain.TokenReading;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.doctor.Advice;
import org.tokendesk.everywhere.FixLines;
import org.tokendesk.export.ImportResult;
import org.tokendesk.export.ImportedEntry;
import org.tokendesk.probe.Attempt;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.probe.ProbeOutcome;
import org.tokendesk.probe.ProbeReport;
import org.tokendesk.registration.Drop;
import org.tokendesk.registration.LogEntry;
import org.tokendesk.registry.RegistryEvent;
import org.tokendesk.store.SecretMove;
import org.tokendesk.store.SecretStorage;
import org.tokendesk.token.SniProblem;
import org.tokendesk.token.TokenProblem;
import org.tokendesk.ui.model.Tally;

/**
 * Keys the code builds from a name (an enum constant, an outcome's class) are in neither bundle's
 * key list by themselves: a new constant or outcome without words would show as {@code !key!}.
 */
class BuiltKeysTest {

    /** Every key made as prefix + constant or class name, as Words, RegistrationWords, EverywhereWords and the UI make them. */
    static List<String> builtKeys() {
        List<String> keys = new ArrayList<>();
        add(keys, "registration.drop.", Drop.Cause.values());
        add(keys, "registration.log.", LogEntry.Event.values());
        add(keys, "lookup.failed.", Lookup.Failure.values());
        add(keys, "token.problem.", TokenProblem.Kind.values());
        add(keys, "sni.problem.", SniProblem.Kind.values());
        add(keys, "registry.problem.", RegistryParse.Reason.values());
        add(keys, "store.storage.file.", SecretStorage.Why.values());
        add(keys, "store.move.refused.", SecretMove.Reason.values());
        add(keys, "import.unreadable.", ImportResult.Unreadable.Why.values());
        add(keys, "import.entry.", ImportedEntry.BadEntry.Why.values());
        add(keys, "probe.timedOut.", ProbeOutcome.Stage.values());
        add(keys, "probe.untrusted.", ProbeOutcome.UntrustedCertificate.Why.values());
        add(keys, "probe.notGrpc.", ProbeOutcome.NotGrpc.Why.values());
        add(keys, "probe.check.", Stream.of(Attempt.Check.values())
                .filter(c -> c != Attempt.Check.CHAIN && c != Attempt.Check.SERVER_NAME).toArray(Enum[]::new));
        add(keys, "probe.check.CHAIN.", ProbeConfig.TrustSource.values());
        add(keys, "probe.check.SERVER_NAME.", Attempt.NameSource.values());
        add(keys, "probe.serverName.", ProbeReport.ServerName.Source.values());
        add(keys, "probe.attempt.", Attempt.Transport.values());
        add(keys, "everywhere.snippet.", FixLines.Kind.values());
        add(keys, "everywhere.ui.snippet.short.", FixLines.Kind.values());
        add(keys, "ui.status.", Stream.of(Tally.Bucket.values()).filter(b -> b != Tally.Bucket.NOT_CHECKED).toArray(Enum[]::new));
        add(keys, "chain.step.", Link.Step.values());
        add(keys, "chain.state.", Link.State.values());
        add(keys, "chain.sdk.", SdkFix.Sdk.values());
        add(keys, "chain.token.provider.", TokenReading.Provider.values());
        add(keys, "chain.token.warning.", TokenReading.Warning.values());
        add(keys, "chain.renewal.", TokenReading.Renewal.values());
        add(keys, "doctor.severity.", Advice.Severity.values());
        Arrays.stream(RegistryEvent.Why.values()).map(v -> "registry.why." + v.name().toLowerCase(Locale.ROOT)).forEach(keys::add);
        Arrays.stream(RegistryEvent.Refusal.values()).map(v -> "registry.refusal." + v.name().toLowerCase(Locale.ROOT)).forEach(keys::add);
        for (Class<?> outcome : ProbeOutcome.class.getPermittedSubclasses()) {
            keys.add("probe.brief." + outcome.getSimpleName());
        }
        return keys;
    }

    private static void add(List<String> keys, String prefix, Enum<?>[] values) {
        Arrays.stream(values).map(v -> prefix + v.name()).forEach(keys::add);
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BuiltKeysTest.class.getResourceAsStream("/org/tokendesk/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyBuiltKeyIsInBothLanguages() throws IOException {
        List<String> keys = builtKeys();
        for (String file : new String[] {"messages.properties", "messages_zh_CN.properties"}) {
            Set<String> present = load(file).stringPropertyNames();
            Set<String> missing = new TreeSet<>(keys);
            missing.removeAll(present);
            assertEquals(Set.of(), missing, "built keys missing in " + file);
        }
    }
}
