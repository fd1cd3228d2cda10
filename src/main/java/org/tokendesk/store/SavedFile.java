package org.tokendesk.store;

/** Which of the app's own files a save was for, so that a failure names the right one. */
public enum SavedFile {
    TOKEN_LIST,
    SETTINGS
}
