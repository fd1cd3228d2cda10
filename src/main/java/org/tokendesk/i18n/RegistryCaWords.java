package org.tokendesk.i18n;

import org.tokendesk.net.CaFile;

/** Why a CA file for a registry cannot be used, in the user's words; shared by the CLI and the window. */
public final class RegistryCaWords {
    private RegistryCaWords() {
    }

    public static String of(CaFile.Problem problem, String file) {
        return Text.get("regca.file." + problem.name(), file);
    }
}
