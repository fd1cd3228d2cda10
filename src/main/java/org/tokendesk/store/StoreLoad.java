package org.tokendesk.store;

import java.nio.file.Path;
import java.util.List;

/** What reading the token file found. */
public sealed interface StoreLoad {
    List<SavedToken> tokens();

    /** No file yet: a first start. */
    record Fresh() implements StoreLoad {
        @Override
        public List<SavedToken> tokens() {
            return List.of();
        }
    }

    record Loaded(List<SavedToken> tokens) implements StoreLoad {
    }

    /**
     * Some entries could not be read; the readable ones are here, and a copy of the whole file was
     * kept at {@code copy} before anything is saved over it.
     */
    record Partial(List<SavedToken> tokens, int unreadable, Path copy) implements StoreLoad {
    }

    /**
     * {@code waiting} tokens are kept in an OS keyring that cannot be reached now (locked, no
     * D-Bus session, turned off); the others are here. The waiting ones stay in the file untouched
     * and come back when the keyring does.
     */
    record KeyringUnavailable(List<SavedToken> tokens, int waiting, String why) implements StoreLoad {
    }

    /** The file did not parse at all; it was moved to {@code movedTo}, untouched. */
    record SetAside(Path movedTo, String reason) implements StoreLoad {
        @Override
        public List<SavedToken> tokens() {
            return List.of();
        }
    }
}
