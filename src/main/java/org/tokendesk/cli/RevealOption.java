package org.tokendesk.cli;

import picocli.CommandLine.Option;

import org.tokendesk.token.Token;

/**
 * {@code --reveal}, for any command that prints tokens: without it a token shows masked
 * ({@link Token#masked()}), with it whole, for scripts that pass tokens on. Mix it into a
 * command with {@code @Mixin RevealOption reveal;} and print tokens only through {@link #show}.
 */
public final class RevealOption {
    @Option(names = "--reveal", description = "Print whole tokens instead of masked ones. Tokens are secrets: "
            + "whoever reads the output can drive the WeChat accounts behind them.")
    boolean reveal;

    public boolean revealing() {
        return reveal;
    }

    /** The token as this command may print it. */
    public String show(Token token) {
        return reveal ? token.reveal() : token.masked();
    }
}
