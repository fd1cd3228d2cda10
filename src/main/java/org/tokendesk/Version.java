package org.tokendesk;

/** The app's version, from the jar manifest when packaged, from the build otherwise. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
