package org.tokendesk.export;

/** The words an export file carries for whoever opens it, in the caller's language: a header and the secrets warning. */
public record ExportNotes(String header, String warning) {
}
