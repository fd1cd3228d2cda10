package org.tokendesk.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tokendesk.token.Token;
import org.tokendesk.token.TokenSyntax;

/**
 * picocli repeats bad arguments in its error messages ("Unmatched argument at index 0: '…'"),
 * and a user who types a token where a command was expected must not see it echoed whole (nor
 * have it land in a terminal log). Masks every argument, or value after {@code =}, that could
 * be a token.
 */
final class ArgumentMask {
    /** Shorter strings are command and option words, not secrets. */
    static final int MIN_LENGTH = 16;

    private ArgumentMask() {
    }

    static String mask(String message, String[] args) {
        if (message == null || args == null) {
            return message;
        }
        List<String> secrets = new ArrayList<>();
        for (String arg : args) {
            if (arg == null) {
                continue;
            }
            int eq = arg.indexOf('=');
            String value = eq >= 0 ? arg.substring(eq + 1) : arg;
            if (couldBeToken(value)) {
                secrets.add(value);
            }
            if (eq < 0 && arg.startsWith("-")) {
                continue;
            }
            if (couldBeToken(arg)) {
                secrets.add(arg);
            }
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        String out = message;
        for (String secret : secrets) {
            out = out.replace(secret, Token.mask(secret));
        }
        return out;
    }

    private static boolean couldBeToken(String s) {
        return s.length() >= MIN_LENGTH && !s.startsWith("-") && TokenSyntax.check(s).isEmpty();
    }
}
