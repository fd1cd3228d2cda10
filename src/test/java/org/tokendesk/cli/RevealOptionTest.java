package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import org.junit.jupiter.api.Test;

import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** Without {@code --reveal} no token leaves a command whole; with it, exactly the tokens asked for do. */
class RevealOptionTest {
    private static final Token TOKEN = Token.of("puppet_x_" + UUID.randomUUID());

    @Command(name = "show", mixinStandardHelpOptions = true)
    static final class ShowCommand implements Runnable {
        @Mixin
        RevealOption reveal;

        @Parameters
        String token;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().println("token " + reveal.show(Token.of(token)));
        }
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ShowCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        cli.execute(args);
        return out.toString();
    }

    @Test
    void masksByDefault() {
        String out = run(TOKEN.reveal());

        TokenLeaks.of(TOKEN).assertNoneIn("output", out);
        assertEquals("token " + TOKEN.masked(), out.strip());
    }

    @Test
    void revealsOnlyWhenAsked() {
        String out = run("--reveal", TOKEN.reveal());

        assertEquals("token " + TOKEN.reveal(), out.strip());
        assertTrue(TokenLeaks.of(TOKEN).findIn("output", out).size() == 1, "the scanner sees what --reveal printed");
    }

    @Test
    void theHelpWarnsThatTokensAreSecrets() {
        String help = run("--help");
        assertTrue(help.contains("--reveal"), help);
        assertTrue(help.contains("secrets"), help);
    }
}
