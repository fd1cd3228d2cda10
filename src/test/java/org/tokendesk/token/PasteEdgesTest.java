package org.tokendesk.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.tokendesk.token.TokenProblem.Kind;

/** Pastes the hostile-user trial found misread (issue 18). */
class PasteEdgesTest {
    private static final String TOKEN = "puppet_padlocal_5c0c4c34-8a1e-4b4e-9d2f-0a1b2c3d4e5f";

    @ParameterizedTest
    @ValueSource(strings = {"\u2028", "\u2029", "\u0085", "\u000B", "\u000C"})
    void aLineSeparatorInsideATokenIsRefusedNotSplitInTwo(String separator) {
        String paste = TOKEN.substring(0, 20) + separator + TOKEN.substring(20);
        List<PastedLine> lines = TokenPaste.parse(paste);
        assertEquals(1, lines.size(), lines::toString);
        PastedLine.Rejected rejected = assertInstanceOf(PastedLine.Rejected.class, lines.get(0));
        assertEquals(true, rejected.problem().kind() == Kind.WHITESPACE || rejected.problem().kind() == Kind.CONTROL_CHARACTER, rejected::toString);
        assertEquals(String.format("U+%04X", (int) separator.charAt(0)), rejected.problem().detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"wechaty_puppet_service_token=", "export wechaty_puppet_service_token=", "Wechaty_Puppet_Service_Token = ",
            "wechaty_token=", "wechaty_puppet_hostie_token="})
    void aLowerCaseVariableNameIsTheNameNotPartOfTheToken(String prefix) {
        List<PastedLine> lines = TokenPaste.parse(prefix + TOKEN);
        assertEquals(1, lines.size(), lines::toString);
        assertEquals(TOKEN, assertInstanceOf(PastedLine.Accepted.class, lines.get(0)).token().reveal());
    }
}
