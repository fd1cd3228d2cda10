package org.tokendesk.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.tokendesk.token.TokenProblem.Kind;

class TokenPasteTest {
    private static final String TOKEN = "puppet_padlocal_5c0c4c34-8a1e-4b4e-9d2f-0a1b2c3d4e5f";

    private static Token onlyAccepted(String paste) {
        List<PastedLine> lines = TokenPaste.parse(paste);
        assertEquals(1, lines.size(), () -> "lines of " + paste + ": " + lines);
        return assertInstanceOf(PastedLine.Accepted.class, lines.get(0), paste).token();
    }

    private static TokenProblem onlyRejected(String paste) {
        List<PastedLine> lines = TokenPaste.parse(paste);
        assertEquals(1, lines.size(), () -> "lines of " + paste + ": " + lines);
        return assertInstanceOf(PastedLine.Rejected.class, lines.get(0), paste).problem();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        TOKEN,
        "  " + TOKEN + "  \t",
        "\"" + TOKEN + "\"",
        "'" + TOKEN + "'",
        "`" + TOKEN + "`",
        "“" + TOKEN + "”",
        "”" + TOKEN + "”",
        "\"" + TOKEN + "”",
        "‘" + TOKEN + "’",
        "「" + TOKEN + "」",
        "＂" + TOKEN + "＂",
        "\"'" + TOKEN + "'\"",
        "\" " + TOKEN + " \"",
        "\uFEFF" + TOKEN + "\u200B",
        "\u00A0" + TOKEN + "\u3000",
        "export WECHATY_PUPPET_SERVICE_TOKEN=" + TOKEN,
        "export WECHATY_PUPPET_SERVICE_TOKEN=\"" + TOKEN + "\"",
        "export  WECHATY_PUPPET_SERVICE_TOKEN = '" + TOKEN + "' ;",
        "WECHATY_PUPPET_SERVICE_TOKEN=\"" + TOKEN + "\"",
        "WECHATY_PUPPET_SERVICE_TOKEN=" + TOKEN + " # my bot",
        "WECHATY_PUPPET_SERVICE_TOKEN=\"" + TOKEN + "\" # my bot",
        "WECHATY_PUPPET_HOSTIE_TOKEN=" + TOKEN,
        "export WECHATY_PUPPET_HOSTIE_TOKEN=\"" + TOKEN + "\"",
        "WECHATY_TOKEN=" + TOKEN,
        "set WECHATY_PUPPET_SERVICE_TOKEN=" + TOKEN,
        "$env:WECHATY_PUPPET_SERVICE_TOKEN=\"" + TOKEN + "\"",
        "-e WECHATY_TOKEN=" + TOKEN,
        "--env WECHATY_TOKEN=" + TOKEN,
        "ENV WECHATY_PUPPET_SERVICE_TOKEN=" + TOKEN,
        "- WECHATY_PUPPET_SERVICE_TOKEN=" + TOKEN,
        "- \"WECHATY_PUPPET_SERVICE_TOKEN=" + TOKEN + "\"",
        "WECHATY_PUPPET_SERVICE_TOKEN: " + TOKEN,
        "  WECHATY_PUPPET_SERVICE_TOKEN: \"" + TOKEN + "\"",
        "\"WECHATY_PUPPET_SERVICE_TOKEN\": \"" + TOKEN + "\",",
        "export WECHATY_PUPPET_SERVICE_TOKEN=“" + TOKEN + "”",
    })
    void acceptsEveryPasteForm(String paste) {
        assertEquals(TOKEN, onlyAccepted(paste).reveal());
    }

    @Test
    void acceptsOldTokensWithoutSni() {
        assertEquals("5c0c4c34-8a1e-4b4e-9d2f-0a1b2c3d4e5f", onlyAccepted("5c0c4c34-8a1e-4b4e-9d2f-0a1b2c3d4e5f").reveal());
    }

    @Test
    void readsSeveralTokensOnePerLineAndSkipsBlankLinesAndComments() {
        String paste = "# my tokens\n"
                + "insecure_one\r\n"
                + "\n"
                + "export WECHATY_PUPPET_SERVICE_TOKEN=insecure_two\n"
                + "   \n"
                + "// the third\n"
                + "WECHATY_PUPPET_HOSTIE_TOKEN='insecure_three'\n";
        List<PastedLine> lines = TokenPaste.parse(paste);
        assertEquals(3, lines.size(), lines::toString);
        assertEquals(new PastedLine.Accepted(2, Token.of("insecure_one")), lines.get(0));
        assertEquals(new PastedLine.Accepted(4, Token.of("insecure_two")), lines.get(1));
        assertEquals(new PastedLine.Accepted(7, Token.of("insecure_three")), lines.get(2));
    }

    @Test
    void aDotEnvFileKeepsItsTokenAndNamesTheOtherVariables() {
        String paste = "WECHATY_PUPPET=wechaty-puppet-service\nWECHATY_PUPPET_SERVICE_TOKEN=insecure_env\nWECHATY_LOG=verbose\n";
        List<PastedLine> lines = TokenPaste.parse(paste);
        assertEquals(List.of(
                new PastedLine.Rejected(1, new TokenProblem(Kind.OTHER_VARIABLE, "WECHATY_PUPPET")),
                new PastedLine.Accepted(2, Token.of("insecure_env")),
                new PastedLine.Rejected(3, new TokenProblem(Kind.OTHER_VARIABLE, "WECHATY_LOG"))), lines);
    }

    @Test
    void aTokenPastedTwiceIsPointedOutNotAddedTwice() {
        List<PastedLine> lines = TokenPaste.parse("insecure_a\ninsecure_b\nexport WECHATY_PUPPET_SERVICE_TOKEN=\"insecure_a\"\n");
        assertEquals(List.of(
                new PastedLine.Accepted(1, Token.of("insecure_a")),
                new PastedLine.Accepted(2, Token.of("insecure_b")),
                new PastedLine.Duplicate(3, Token.of("insecure_a"))), lines);
    }

    @Test
    void tokensDifferingOnlyInCaseAreDistinct() {
        List<PastedLine> lines = TokenPaste.parse("insecure_abc\ninsecure_ABC");
        assertInstanceOf(PastedLine.Accepted.class, lines.get(1));
    }

    @Test
    void anEmptyPasteIsOneEmptyRejection() {
        for (String empty : new String[] {"", "   ", "\n\n\t\n", "\"\"", "“”", null}) {
            List<PastedLine> lines = TokenPaste.parse(empty);
            assertEquals(1, lines.size());
            assertEquals(Kind.EMPTY, assertInstanceOf(PastedLine.Rejected.class, lines.get(0)).problem().kind(), String.valueOf(empty));
        }
    }

    @Test
    void anEmptyAssignmentIsEmpty() {
        assertEquals(Kind.EMPTY, onlyRejected("export WECHATY_PUPPET_SERVICE_TOKEN=").kind());
        assertEquals(Kind.EMPTY, onlyRejected("WECHATY_PUPPET_SERVICE_TOKEN=\"\"").kind());
    }

    @Test
    void whitespaceInsideIsRejectedAndNamed() {
        assertEquals(new TokenProblem(Kind.WHITESPACE, "U+0020"), onlyRejected("insecure_ab cd"));
        assertEquals(new TokenProblem(Kind.WHITESPACE, "U+0009"), onlyRejected("insecure_ab\tcd"));
        assertEquals(new TokenProblem(Kind.WHITESPACE, "U+00A0"), onlyRejected("insecure_ab\u00A0cd"));
        assertEquals(new TokenProblem(Kind.WHITESPACE, "U+3000"), onlyRejected("insecure_ab\u3000cd"));
        assertEquals(Kind.WHITESPACE, onlyRejected("WECHATY_PUPPET_SERVICE_TOKEN=\"ab cd\"").kind());
    }

    @Test
    void controlAndInvisibleCharactersInsideAreRejected() {
        assertEquals(new TokenProblem(Kind.CONTROL_CHARACTER, "U+200B"), onlyRejected("insecure_ab\u200Bcd"));
        assertEquals(new TokenProblem(Kind.CONTROL_CHARACTER, "U+0000"), onlyRejected("insecure_ab\u0000cd"));
        assertEquals(new TokenProblem(Kind.CONTROL_CHARACTER, "U+001B"), onlyRejected("insecure_ab\u001B[2Jcd"));
        assertEquals(new TokenProblem(Kind.CONTROL_CHARACTER, "U+007F"), onlyRejected("insecure_ab\u007Fcd"));
        assertEquals(new TokenProblem(Kind.CONTROL_CHARACTER, "U+FEFF"), onlyRejected("insecure_ab\uFEFFcd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "?", "#", "%", "\\", "[", "]", "@", "<", ">", "{", "}", "|", "^"})
    void urlDelimitersAreRejectedAndNamed(String c) {
        assertEquals(new TokenProblem(Kind.URL_CHARACTER, c), onlyRejected("insecure_ab" + c + "cd"));
    }

    @Test
    void quotesAndBackticksInsideAreUrlCharacters() {
        assertEquals(new TokenProblem(Kind.URL_CHARACTER, "\""), onlyRejected("insecure_ab\"cd"));
        assertEquals(new TokenProblem(Kind.URL_CHARACTER, "`"), onlyRejected("insecure_ab`cd"));
    }

    @Test
    void dotSegmentsCannotBeTokens() {
        assertEquals(Kind.URL_CHARACTER, onlyRejected(".").kind());
        assertEquals(Kind.URL_CHARACTER, onlyRejected("..").kind());
        assertEquals("...", onlyAccepted("...").reveal());
    }

    @Test
    void aPastedLookupUrlIsRejectedForItsSlash() {
        assertEquals(new TokenProblem(Kind.URL_CHARACTER, "/"), onlyRejected("https://api.chatie.io/v0/hosties/" + TOKEN));
    }

    @Test
    void nonAsciiIsRejectedAndNamed() {
        assertEquals(new TokenProblem(Kind.NOT_ASCII, "＿ U+FF3F"), onlyRejected("puppet＿abc"));
        assertEquals(new TokenProblem(Kind.NOT_ASCII, "é U+00E9"), onlyRejected("insecure_café"));
        assertEquals(Kind.NOT_ASCII, onlyRejected("insecure_ab”cd").kind());
    }

    @Test
    void overLengthIsRejectedWithTheLength() {
        String max = "insecure_" + "a".repeat(Token.MAX_LENGTH - 9);
        assertEquals(max, onlyAccepted(max).reveal());
        assertEquals(new TokenProblem(Kind.TOO_LONG, "257"), onlyRejected(max + "b"));
        assertEquals(new TokenProblem(Kind.TOO_LONG, "300"), onlyRejected("WECHATY_TOKEN=\"" + "a".repeat(300) + "\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"insecure_abc", "insecure_abc\"", "'insecure_abc", "“insecure_abc", "insecure_abc」",
        "\"insecure_abc'", "「insecure_abc”", "\"", "WECHATY_PUPPET_SERVICE_TOKEN=\"insecure_abc"})
    void unbalancedQuotesAreRejected(String paste) {
        assertEquals(Kind.UNBALANCED_QUOTE, onlyRejected(paste).kind());
    }

    @Test
    void otherVariablesAreNamedNotTakenForTokens() {
        assertEquals(new TokenProblem(Kind.OTHER_VARIABLE, "WECHATY_PUPPET"), onlyRejected("export WECHATY_PUPPET=wechaty-puppet-service"));
        assertEquals(new TokenProblem(Kind.OTHER_VARIABLE, "WECHATY_PUPPET_SERVICE_AUTHORITY"),
                onlyRejected("WECHATY_PUPPET_SERVICE_AUTHORITY=\"api.chatie.io\""));
        assertEquals(new TokenProblem(Kind.OTHER_VARIABLE, "WECHATY_PUPPET_SERVICE_ENDPOINT"),
                onlyRejected("\"WECHATY_PUPPET_SERVICE_ENDPOINT\": \"1.2.3.4:8788\","));
    }

    @Test
    void aLowerCaseTokenContainingEqualsIsNotAVariable() {
        assertEquals("insecure_abc=def", onlyAccepted("insecure_abc=def").reveal());
    }

    @Test
    void codeFencesAroundAPasteAreIgnored() {
        List<PastedLine> lines = TokenPaste.parse("```sh\nexport WECHATY_PUPPET_SERVICE_TOKEN=insecure_fenced\n```\n");
        assertEquals(List.of(new PastedLine.Accepted(2, Token.of("insecure_fenced"))), lines);
    }

    @Test
    void rejectionsNeverCarryTheToken() {
        String secret = "insecure_" + "s".repeat(300);
        for (String paste : new String[] {secret, secret.substring(0, 40) + " x", "\"" + secret.substring(0, 40), secret.substring(0, 40) + "/"}) {
            TokenProblem problem = onlyRejected(paste);
            assertEquals(false, problem.detail().contains("ssss"), problem::toString);
        }
    }
}
