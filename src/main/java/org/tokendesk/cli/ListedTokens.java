package org.tokendesk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.tokendesk.token.Token;
import org.tokendesk.token.TokenSyntax;

/**
 * The tokens written in the saved list ({@code tokens.json}), read only so that the CLI can mask
 * them wherever they show up. Nothing is moved aside or rewritten here; keyring entries are not
 * read (asking the keyring would cost a headless run a D-Bus round trip, or a prompt).
 */
final class ListedTokens {
    private static final JsonFactory JSON = new JsonFactory();

    private ListedTokens() {
    }

    static List<Token> read(Path file) {
        List<Token> tokens = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return tokens;
        }
        try (JsonParser p = JSON.createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_STRING && "token".equals(p.currentName())) {
                    String value = p.getText();
                    if (TokenSyntax.check(value).isEmpty()) {
                        tokens.add(Token.of(value));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable list masks nothing more; the commands that use it say what is wrong with it.
        }
        return tokens;
    }
}
