package org.tokendesk.token;

/** Why a typed name cannot be the SNI of a new token; {@code detail} names the character or length. */
public record SniProblem(Kind kind, String detail) {
    public enum Kind {
        EMPTY,
        /** Over {@link Sni#MAX_LENGTH} characters. */
        TOO_LONG,
        /** Only a-z, 0-9, {@code -}, {@code _} and single dots fit in a TLS server name and a certificate. */
        CHARACTER,
        /** Starts with {@code -}, {@code _} or {@code .}. */
        BAD_START,
        /** Ends with {@code -}, {@code _} or {@code .}: an {@code _} there would also move the token's SNI cut. */
        BAD_END
    }
}
