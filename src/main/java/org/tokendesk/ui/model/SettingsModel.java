package org.tokendesk.ui.model;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.tokendesk.store.Settings;

/**
 * The settings in use, and the only way to change them: every change goes through {@link #update},
 * is saved, and reaches whoever follows {@link #current()} (the lookup pool, the list's registry,
 * the window's language and theme). Used on the JavaFX thread.
 */
public final class SettingsModel {
    private final ReadOnlyObjectWrapper<Settings> current;
    private final Consumer<Settings> save;

    /** @param save writes a changed snapshot (in the background) */
    public SettingsModel(Settings initial, Consumer<Settings> save) {
        this.current = new ReadOnlyObjectWrapper<>(this, "current", initial);
        this.save = save;
    }

    public ReadOnlyObjectProperty<Settings> current() {
        return current.getReadOnlyProperty();
    }

    public Settings get() {
        return current.get();
    }

    /** Applies {@code change}; a change that changes nothing is neither saved nor announced. */
    public void update(UnaryOperator<Settings> change) {
        Settings before = current.get();
        Settings after = change.apply(before);
        if (!after.equals(before)) {
            current.set(after);
            save.accept(after);
        }
    }
}
