package org.tokendesk.token;

import java.util.Locale;
import java.util.Optional;

/**
 * The SNI of a token to be made: the part before the last {@code _}, which the SDK sends as the
 * TLS server name and matches against the service's certificate. Lower case, because the SDK
 * lower-cases it when it reads a token; at most 64 characters, the most a certificate's CN can hold.
 */
public record Sni(String value) {
    public static final int MAX_LENGTH = 64;
    public static final String PUPPET_PREFIX = "puppet_";
    /** The name on the certificate every stock puppet service presents. */
    public static final Sni INSECURE = new Sni("insecure");

    public Sni {
        Optional<SniProblem> problem = check(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("not an SNI (" + problem.get().kind() + " " + problem.get().detail() + ")");
        }
        if (!value.equals(value.strip().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("an SNI is lower case without spaces around it: use Sni.of");
        }
    }

    /** What the user typed, lower-cased, when it can be an SNI. */
    public static Optional<SniProblem> check(String candidate) {
        if (candidate == null || candidate.strip().isEmpty()) {
            return Optional.of(new SniProblem(SniProblem.Kind.EMPTY, ""));
        }
        String s = candidate.strip().toLowerCase(Locale.ROOT);
        if (s.length() > MAX_LENGTH) {
            return Optional.of(new SniProblem(SniProblem.Kind.TOO_LONG, Integer.toString(s.length())));
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return Optional.of(new SniProblem(SniProblem.Kind.CHARACTER, Character.isWhitespace(c) ? "space" : String.valueOf(c)));
            }
        }
        if (!Character.isLetterOrDigit(s.charAt(0))) {
            return Optional.of(new SniProblem(SniProblem.Kind.BAD_START, String.valueOf(s.charAt(0))));
        }
        char last = s.charAt(s.length() - 1);
        if (!Character.isLetterOrDigit(last)) {
            return Optional.of(new SniProblem(SniProblem.Kind.BAD_END, String.valueOf(last)));
        }
        if (s.contains("..")) {
            return Optional.of(new SniProblem(SniProblem.Kind.CHARACTER, ".."));
        }
        return Optional.empty();
    }

    /** {@code candidate} stripped and lower-cased; throws (with the problem) when it cannot be an SNI. */
    public static Sni of(String candidate) {
        return new Sni(candidate == null ? null : candidate.strip().toLowerCase(Locale.ROOT));
    }

    /** {@code puppet_<name>}; a {@code puppet_} the user typed too is not doubled. */
    public static Optional<SniProblem> checkPuppet(String name) {
        return check(puppetName(name));
    }

    public static Sni puppet(String name) {
        return of(puppetName(name));
    }

    private static String puppetName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.toLowerCase(Locale.ROOT).startsWith(PUPPET_PREFIX)) {
            n = n.substring(PUPPET_PREFIX.length());
        }
        return n.isEmpty() ? "" : PUPPET_PREFIX + n;
    }

    public boolean isInsecure() {
        return equals(INSECURE);
    }

    @Override
    public String toString() {
        return value;
    }
}
