package org.tokendesk.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.tokendesk.token.Token;
import org.tokendesk.token.TokenSyntax;

/**
 * picocli repeats bad arguments in its error messages ("Unmatched argument at index 0: '…'"),
 * and a user who types a token where a command was expected must not see it echoed whole (nor
 * have it land in a terminal log). Finds every argument, value after {@code =}, and piece of a
 * URL (user info, path segment, query, fragment) that could be a token.
 */
final class ArgumentMask {
    /** Shorter strings are command and option words, not secrets. */
    static final int MIN_LENGTH = 16;
    private static final Pattern URL_DELIMITERS = Pattern.compile("[/?#&=@:;,]+");
    /** A DNS name such as token-service-discovery-test.juzibot.com: where the registry is, not a secret. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private ArgumentMask() {
    }

    static String mask(String message, String[] args) {
        if (message == null || args == null) {
            return message;
        }
        List<String> secrets = new ArrayList<>(secrets(args));
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        String out = message;
        for (String secret : secrets) {
            out = out.replace(secret, Token.mask(secret));
        }
        return out;
    }

    /** Everything on the command line that could be a token, each a valid token string. */
    static Set<String> secrets(String[] args) {
        Set<String> secrets = new LinkedHashSet<>();
        if (args == null) {
            return secrets;
        }
        for (String arg : args) {
            if (arg == null) {
                continue;
            }
            int eq = arg.indexOf('=');
            String value = eq >= 0 ? arg.substring(eq + 1) : arg;
            addIfToken(value, secrets);
            // keep-online's TOKEN=PORT: the last = splits.
            int lastEq = arg.lastIndexOf('=');
            if (lastEq > 0 && !arg.startsWith("-")) {
                addIfToken(arg.substring(0, lastEq), secrets);
            }
            if (eq < 0 || !arg.startsWith("-")) {
                addIfToken(arg, secrets);
            }
            for (String piece : URL_DELIMITERS.split(value)) {
                addIfToken(piece, secrets);
            }
        }
        return secrets;
    }

    private static void addIfToken(String s, Set<String> into) {
        if (couldBeToken(s) && !HOST_NAME.matcher(s).matches()) {
            into.add(s);
        }
    }

    private static boolean couldBeToken(String s) {
        return s.length() >= MIN_LENGTH && !s.startsWith("-") && TokenSyntax.check(s).isEmpty();
    }
}
