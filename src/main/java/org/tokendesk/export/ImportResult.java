package org.tokendesk.export;

import java.util.List;

/** What reading an import file gave: its entries, or why the file as a whole cannot be read (nothing is then added). */
public sealed interface ImportResult {
    record Read(ExportFormat format, List<ImportedEntry> entries) implements ImportResult {
        public Read {
            entries = List.copyOf(entries);
        }

        public List<ImportedEntry.Accepted> accepted() {
            return entries.stream().filter(ImportedEntry.Accepted.class::isInstance).map(ImportedEntry.Accepted.class::cast).toList();
        }
    }

    record Unreadable(Why why, String detail) implements ImportResult {
        public enum Why {
            /** The file could not be opened or read. */
            IO,
            /** Larger than {@link TokenImport#MAX_BYTES}: no token list is that big. */
            TOO_LARGE,
            /** Starts like JSON but does not parse ({@code detail}: where). */
            NOT_JSON,
            /** Valid JSON, but not a TokenDesk export or token list. */
            NOT_AN_EXPORT,
            /** Made by a newer TokenDesk. */
            NEWER,
            /** Nothing in it. */
            EMPTY
        }
    }
}
