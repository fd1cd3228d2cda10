package org.tokendesk.ui.desktop;

/** The app's place in the system tray, where the desktop has one. Calls may come from the JavaFX thread. */
public interface Tray {
    enum Kind { INFO, WARNING }

    /** Shows how many tokens are online (menu line and tooltip). */
    void setOnline(int count);

    /** A desktop notification from the tray icon. */
    void notify(String title, String text, Kind kind);

    void remove();
}
