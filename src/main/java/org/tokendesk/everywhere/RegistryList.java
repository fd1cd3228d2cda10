package org.tokendesk.everywhere;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.tokendesk.discovery.Registry;
import org.tokendesk.discovery.RegistryParse;
import org.tokendesk.store.Settings;

/**
 * The registries "check everywhere" asks: the two public ones, always, and the ones the user added
 * (saved as base URLs in {@link Settings#extraRegistries()}). Immutable: changes return a new list.
 */
public final class RegistryList {
    /** The community default and the registry where the WorkPro/Donut provider registers its tokens. */
    public static final List<Registry> BUILT_IN = List.of(Registry.CHATIE, Registry.JUZIBOT);

    private final List<Registry> added;
    private final List<String> unreadable;
    /** The registry running on this computer, asked beside the others while it runs; never saved. */
    private final Optional<Registry> own;

    private RegistryList(List<Registry> added, List<String> unreadable) {
        this(added, unreadable, Optional.empty());
    }

    private RegistryList(List<Registry> added, List<String> unreadable, Optional<Registry> own) {
        this.added = List.copyOf(added);
        this.unreadable = List.copyOf(unreadable);
        this.own = own;
    }

    /** This list, and the registry running on this computer after the others (unless it is one of them already). */
    public RegistryList withOwn(Registry running) {
        boolean known = find(BUILT_IN, running).isPresent() || find(added, running).isPresent();
        return new RegistryList(added, unreadable, known ? Optional.empty() : Optional.of(running));
    }

    public Optional<Registry> own() {
        return own;
    }

    public static RegistryList builtInOnly() {
        return new RegistryList(List.of(), List.of());
    }

    /** Reads saved entries; ones that no longer parse or repeat another are kept aside in {@link #unreadable()}. */
    public static RegistryList fromSaved(List<String> saved) {
        List<Registry> added = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String entry : saved) {
            RegistryParse parse = Registry.parse(entry);
            if (parse instanceof RegistryParse.Valid valid && find(BUILT_IN, valid.registry()).isEmpty()
                    && find(added, valid.registry()).isEmpty()) {
                added.add(valid.registry());
            } else {
                unreadable.add(entry == null ? "" : entry);
            }
        }
        return new RegistryList(added, unreadable);
    }

    public static RegistryList fromSettings(Settings settings) {
        return fromSaved(settings.extraRegistries());
    }

    /** What the user typed, trimmed and validated; a bad or repeated entry is refused and nothing changes. */
    public Addition add(String input) {
        RegistryParse parse = Registry.parse(input);
        if (parse instanceof RegistryParse.Invalid invalid) {
            return new Addition.Refused(new Refusal.Invalid(invalid));
        }
        Registry registry = ((RegistryParse.Valid) parse).registry();
        Optional<Registry> builtIn = find(BUILT_IN, registry);
        if (builtIn.isPresent()) {
            return new Addition.Refused(new Refusal.Duplicate(builtIn.get(), true));
        }
        Optional<Registry> existing = find(added, registry);
        if (existing.isPresent()) {
            return new Addition.Refused(new Refusal.Duplicate(existing.get(), false));
        }
        List<Registry> next = new ArrayList<>(added);
        next.add(registry);
        return new Addition.Added(new RegistryList(next, unreadable), registry);
    }

    /** Built-in registries cannot be removed; removing one returns this list unchanged. */
    public RegistryList remove(Registry registry) {
        List<Registry> next = new ArrayList<>(added);
        next.removeIf(r -> same(r, registry));
        return next.size() == added.size() ? this : new RegistryList(next, unreadable);
    }

    /** Forgets a saved entry that could not be read (the user removed it in settings). */
    public RegistryList withoutUnreadable(String entry) {
        List<String> next = new ArrayList<>(unreadable);
        return next.remove(entry) ? new RegistryList(added, next) : this;
    }

    public boolean isBuiltIn(Registry registry) {
        return find(BUILT_IN, registry).isPresent();
    }

    /** Built-in first, then the user's, in the order added, then the one running on this computer. */
    public List<Registry> all() {
        List<Registry> all = new ArrayList<>(BUILT_IN);
        all.addAll(added);
        own.ifPresent(all::add);
        return List.copyOf(all);
    }

    public List<Registry> added() {
        return added;
    }

    /** Saved entries that could not be read back (shown to the user, never silently dropped from the file). */
    public List<String> unreadable() {
        return unreadable;
    }

    /** The chosen registry first (it may be one that is not in this list), then every other one once. */
    public List<Registry> toAsk(Registry chosen) {
        List<Registry> ask = new ArrayList<>();
        ask.add(chosen);
        for (Registry r : all()) {
            if (find(ask, r).isEmpty()) {
                ask.add(r);
            }
        }
        return List.copyOf(ask);
    }

    /** What goes back into settings: the added registries as base URLs, plus unreadable entries as they were. */
    public List<String> toSaved() {
        List<String> saved = new ArrayList<>();
        for (Registry r : added) {
            saved.add(r.baseUrl().toString());
        }
        saved.addAll(unreadable);
        return List.copyOf(saved);
    }

    public Settings saveInto(Settings settings) {
        return settings.withExtraRegistries(toSaved());
    }

    /** One registry written two ways: {@code api.chatie.io} and {@code https://API.chatie.io:443/} are the same. */
    static boolean same(Registry a, Registry b) {
        return a.baseUrl().getScheme().equals(b.baseUrl().getScheme())
                && a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT))
                && port(a) == port(b)
                && Objects.equals(path(a), path(b));
    }

    private static Optional<Registry> find(List<Registry> in, Registry wanted) {
        return in.stream().filter(r -> same(r, wanted)).findFirst();
    }

    private static int port(Registry r) {
        int port = r.baseUrl().getPort();
        return port >= 0 ? port : r.secure() ? 443 : 80;
    }

    private static String path(Registry r) {
        String path = r.baseUrl().getRawPath();
        return path == null || path.equals("/") ? "" : path;
    }

    /** The outcome of adding a registry. */
    public sealed interface Addition {
        record Added(RegistryList list, Registry registry) implements Addition {
        }

        record Refused(Refusal refusal) implements Addition {
        }
    }

    /** Why an entry was not added. */
    public sealed interface Refusal {
        record Invalid(RegistryParse.Invalid problem) implements Refusal {
        }

        /** {@code existing} is the entry already in the list, as it is written there. */
        record Duplicate(Registry existing, boolean builtIn) implements Refusal {
        }
    }
}
