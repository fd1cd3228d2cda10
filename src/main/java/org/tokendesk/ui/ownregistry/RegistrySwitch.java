package org.tokendesk.ui.ownregistry;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.tokendesk.discovery.Registry;
import org.tokendesk.i18n.RegistryWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.net.Workers;
import org.tokendesk.registry.AllowList;
import org.tokendesk.registry.ListenScope;
import org.tokendesk.registry.MemoryDirectory;
import org.tokendesk.registry.RegistryEvent;
import org.tokendesk.registry.RegistryOptions;
import org.tokendesk.registry.RegistryServer;
import org.tokendesk.registry.tls.MachineCertificate;
import org.tokendesk.store.OwnRegistry;
import org.tokendesk.ui.model.SettingsModel;

/**
 * Settings → "Registry on this computer" made real: the same engine as {@code tokendesk registry},
 * started and stopped on a thread of its own as the saved settings say, never on the JavaFX thread.
 * While it runs, this computer's own lookups and keep-online trust its CA at its address, and only there.
 */
public final class RegistrySwitch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RegistrySwitch.class.getName());

    /** What the registry is doing; changed on the JavaFX thread only. */
    public sealed interface State {
        /** The settings asked for it: {@link OwnRegistry#OFF} when off. */
        OwnRegistry wanted();

        record Off(OwnRegistry wanted) implements State {
        }

        record Starting(OwnRegistry wanted) implements State {
        }

        /**
         * @param address what this computer dials to reach it (https when it serves TLS)
         * @param caFile  the CA clients must trust, when the registry made its own certificate
         */
        record Running(OwnRegistry wanted, RegistryServer server, Registry address, Optional<Path> caFile) implements State {
            public String authority() {
                return address.authority();
            }
        }

        /** It could not start; {@code message} says why in the user's words. */
        record Failed(OwnRegistry wanted, String message) implements State {
        }
    }

    private final Path tlsFolder;
    private final ExtraTrust trust;
    private final ExecutorService worker = Workers.bounded("own-registry", 1);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", new State.Off(OwnRegistry.OFF));
    private final ReadOnlyIntegerWrapper online = new ReadOnlyIntegerWrapper(this, "online");
    private final ReadOnlyLongWrapper changes = new ReadOnlyLongWrapper(this, "changes");
    private final AtomicBoolean changePosted = new AtomicBoolean();
    /** The running registry's address, readable from any thread (sweeps read it on theirs). */
    private volatile Registry address;
    /** Touched on the worker only. */
    private RegistryServer server;
    /** The last settings handed over; a result for older settings is not shown. */
    private OwnRegistry requested = OwnRegistry.OFF;

    /**
     * @param tlsFolder where the registry keeps its CA and certificate (the CLI's folder: one CA for both)
     * @param trust     granted the registry's CA while it runs
     */
    public RegistrySwitch(Path tlsFolder, ExtraTrust trust) {
        this.tlsFolder = tlsFolder;
        this.trust = trust;
    }

    /** Follows the saved settings from now on, starting the registry at once when they say it is on. */
    public void follow(SettingsModel settings) {
        settings.current().addListener((o, before, now) -> apply(now.ownRegistry()));
        apply(settings.get().ownRegistry());
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** Registrants online now. */
    public ReadOnlyIntegerProperty online() {
        return online.getReadOnlyProperty();
    }

    /** Grows whenever something happened at the registry (a registrant came or went, answered its port…). */
    public ReadOnlyLongProperty changes() {
        return changes.getReadOnlyProperty();
    }

    /** Where this computer reaches the registry while it runs; from any thread. */
    public Optional<Registry> address() {
        return Optional.ofNullable(address);
    }

    /** "Registry: running on 127.0.0.1:8780 · 3 tokens online", or off, starting, or why it could not start. */
    public StringBinding statusLine() {
        return Bindings.createStringBinding(() -> OwnRegistryWords.line(state.get(), online.get()), state, online);
    }

    public Optional<State.Running> running() {
        return state.get() instanceof State.Running r ? Optional.of(r) : Optional.empty();
    }

    /** Starts, stops or restarts the registry for {@code wanted}. On the JavaFX thread; the work runs on the worker. */
    public void apply(OwnRegistry wanted) {
        if (wanted.equals(requested) && !(state.get() instanceof State.Failed)) {
            return;
        }
        requested = wanted;
        state.set(wanted.on() ? new State.Starting(wanted) : new State.Off(wanted));
        try {
            worker.execute(() -> {
                stopNow();
                State result = wanted.on() ? startNow(wanted) : new State.Off(wanted);
                Platform.runLater(() -> shown(wanted, result));
            });
        } catch (RejectedExecutionException e) {
            // Closing: the registry stops with the app.
        }
    }

    /** Closes one registrant's WebSocket with a close frame (it may come back), off the JavaFX thread. */
    public void disconnect(long serial) {
        if (state.get() instanceof State.Running r) {
            try {
                worker.execute(() -> r.server().core().disconnect(serial));
            } catch (RejectedExecutionException e) {
                // Closing: every registrant gets its close frame anyway.
            }
        }
    }

    private void shown(OwnRegistry wanted, State result) {
        if (wanted.equals(requested)) {
            state.set(result);
            address = result instanceof State.Running r ? r.address() : null;
            online.set(result instanceof State.Running r ? r.server().core().onlineCount() : 0);
            changes.set(changes.get() + 1);
        }
    }

    private State startNow(OwnRegistry wanted) {
        ListenScope scope = ListenScope.fromSaved(wanted.listen());
        Optional<InetSocketAddress> bind = scope.bind(wanted.port());
        if (bind.isEmpty()) {
            return new State.Failed(wanted, Text.get("ownRegistry.failed.noLan"));
        }
        AllowList allow = AllowList.EVERYONE;
        if (!wanted.allowList().isEmpty()) {
            Path file = Path.of(wanted.allowList());
            try {
                AllowList.Read read = AllowList.read(file);
                if (read instanceof AllowList.Read.Bad bad) {
                    AllowList.Problem first = bad.problems().get(0);
                    return new State.Failed(wanted, Text.get("ownRegistry.failed.badAllow", file, first.line(), Words.of(first.problem())));
                }
                allow = ((AllowList.Read.Loaded) read).list();
            } catch (IOException e) {
                return new State.Failed(wanted, Text.get("ownRegistry.failed.cannotReadAllow", file, String.valueOf(e.getMessage())));
            }
        }
        RegistryOptions options = RegistryOptions.defaults(tlsFolder).listenOn(bind.get()).withAllow(allow);
        RegistryServer started;
        try {
            started = RegistryServer.start(options, new MemoryDirectory(), this::heard);
        } catch (IOException | RuntimeException e) {
            String host = bind.get().getAddress().getHostAddress();
            return new State.Failed(wanted, inUse(e)
                    ? Text.get("ownRegistry.failed.portInUse", wanted.port(), host)
                    : Text.get("ownRegistry.failed.cannotStart", String.valueOf(e.getMessage())));
        }
        server = started;
        String host = scope.dialHost(bind.get());
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + started.port();
        Registry address = new Registry(URI.create((started.tls() ? "https://" : "http://") + authority));
        Optional<Path> ca = started.ownCa().map(c -> tlsFolder.resolve(MachineCertificate.CA_FILE));
        started.ownCa().ifPresent(c -> trust.grant(scope.ownNames(bind.get()), started.port(), c));
        LOG.info(() -> "own registry listening on " + bind.get().getAddress().getHostAddress() + ":" + started.port());
        return new State.Running(wanted, started, address, ca);
    }

    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private void heard(RegistryEvent event) {
        LOG.fine(() -> RegistryWords.of(event));
        // Coalesced: a thousand registrants arriving together are one update of the window.
        if (changePosted.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                changePosted.set(false);
                if (state.get() instanceof State.Running r) {
                    online.set(r.server().core().onlineCount());
                }
                changes.set(changes.get() + 1);
            });
        }
    }

    /** Close frames to every registrant, then the port closes; the CA is no longer trusted. */
    private void stopNow() {
        trust.revoke();
        RegistryServer s = server;
        server = null;
        if (s != null) {
            s.close();
            LOG.info("own registry stopped");
        }
    }

    /** For quitting: stops the registry (close frames), waiting a few seconds at most. */
    @Override
    public void close() {
        try {
            worker.execute(this::stopNow);
        } catch (RejectedExecutionException e) {
            return;
        }
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
    }
}
