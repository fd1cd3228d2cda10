package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.tokendesk.i18n.Text;

/** An unknown option, or a token that starts with -, is named as such instead of "Missing required parameter". */
class UnknownOptionTest {
    private static String err(String... args) {
        Text.use("en");
        StringWriter err = new StringWriter();
        assertEquals(Cli.ERROR, Cli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        return err.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--unknown=VALUE", "-x1234", "--verbose"})
    void anUnknownOptionAloneIsNamed(String option) {
        String printed = err("check", option);
        assertTrue(printed.startsWith(Text.get("cli.unknownOption", "'" + option + "'")), printed);
        assertFalse(printed.contains("Missing required parameter"), printed);
    }

    @Test
    void aTokenThatStartsWithADashIsNamedAndMasked() {
        String token = "-insecure_5c0c4c34-8a1e-4b4e-9d2f-0a1b2c3d4e5f";
        String printed = err("check", "--registry", "http://127.0.0.1:9", token);
        assertTrue(printed.contains("--"), printed);
        assertFalse(printed.contains("Missing required parameter"), printed);
        assertFalse(printed.contains(token), printed);
    }

    @Test
    void keepOnlineNamesItToo() {
        String printed = err("keep-online", "--unknown=VALUE");
        assertTrue(printed.startsWith(Text.get("cli.unknownOption", "'--unknown=VALUE'")), printed);
    }
}
