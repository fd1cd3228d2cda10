package org.tokendesk.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;

/** "New token": {@code <sni>_<uuid v4>}, as {@code wechaty-token generate --type <sni>} makes them. */
class NewTokenTest {
    private static final Pattern SHAPE = Pattern.compile("([a-z0-9._-]+)_([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})");

    @Test
    void anInsecureTokenIsTheSniAndAVersion4Uuid() {
        Token token = NewToken.generate(Sni.INSECURE);

        var m = SHAPE.matcher(token.reveal());
        assertTrue(m.matches(), token.masked());
        assertEquals("insecure", m.group(1));
        UUID uuid = UUID.fromString(m.group(2));
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
        assertEquals(Optional.of("insecure"), token.sni(), "the SDK reads back the SNI it was made with");
        assertEquals(45, token.length());
    }

    @Test
    void aPuppetTokenKeepsItsSniThroughTheLastUnderscoreRule() {
        Token token = NewToken.generate(Sni.puppet("padlocal"));

        assertTrue(token.reveal().startsWith("puppet_padlocal_"), token.masked());
        assertEquals(Optional.of("puppet_padlocal"), token.sni());
        assertTrue(TokenSyntax.check(token.reveal()).isEmpty());
    }

    @Test
    void tokensDoNotRepeat() {
        Set<Token> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(NewToken.generate(Sni.INSECURE)));
        }
    }

    @Test
    void whatTheUserTypesIsTrimmedLowerCasedAndNotDoubled() {
        assertEquals(new Sni("puppet_myservice"), Sni.puppet("  MyService "));
        assertEquals(new Sni("puppet_myservice"), Sni.puppet("puppet_myservice"));
        assertEquals(new Sni("puppet_x.example"), Sni.of("Puppet_X.Example"));
        assertTrue(Sni.of(" INSECURE ").isInsecure());
        assertThrows(IllegalArgumentException.class, () -> new Sni("Insecure"), "the record itself takes only the normal form");
    }

    @ParameterizedTest
    @ValueSource(strings = {"insecure", "puppet_padlocal", "puppet_wechat4u-2", "uuid", "a", "puppet.example.com", "x1_y2"})
    void namesThatWork(String sni) {
        assertEquals(Optional.empty(), Sni.check(sni));
        assertEquals(Optional.of(sni), NewToken.generate(Sni.of(sni)).sni());
    }

    @Test
    void namesThatCannotBeAnSniSaySpecificallyWhy() {
        assertEquals(SniProblem.Kind.EMPTY, Sni.check("  ").orElseThrow().kind());
        assertEquals(SniProblem.Kind.EMPTY, Sni.checkPuppet("puppet_").orElseThrow().kind());
        assertEquals(new SniProblem(SniProblem.Kind.TOO_LONG, "65"), Sni.check("a".repeat(65)).orElseThrow());
        assertEquals(new SniProblem(SniProblem.Kind.CHARACTER, "space"), Sni.check("my puppet").orElseThrow());
        assertEquals(new SniProblem(SniProblem.Kind.CHARACTER, "/"), Sni.check("a/b").orElseThrow());
        assertEquals(new SniProblem(SniProblem.Kind.CHARACTER, "好"), Sni.check("好").orElseThrow());
        assertEquals(new SniProblem(SniProblem.Kind.CHARACTER, ".."), Sni.check("a..b").orElseThrow());
        assertEquals(new SniProblem(SniProblem.Kind.BAD_START, "_"), Sni.check("_x").orElseThrow());
        // A trailing "_" would move the cut: "x__<uuid>" reads back as SNI "x_", a name no certificate has.
        assertEquals(new SniProblem(SniProblem.Kind.BAD_END, "_"), Sni.check("x_").orElseThrow());
        assertEquals(new SniProblem(SniProblem.Kind.BAD_END, "-"), Sni.checkPuppet("x-").orElseThrow());
    }

    @Test
    void problemsAndTheExplanationReadInBothLanguages() {
        try {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                Text.use(locale);
                for (SniProblem.Kind kind : SniProblem.Kind.values()) {
                    String words = Words.of(new SniProblem(kind, "x"));
                    assertFalse(words.startsWith("!"), words);
                }
                for (String key : List.of("sni.explain", "sni.explain.insecure", "sni.explain.puppet")) {
                    assertFalse(Text.get(key).startsWith("!"), key);
                }
                assertTrue(Text.get("sni.preview", "insecure").contains("insecure_xxxxxxxx"));
            }
        } finally {
            Text.use(Locale.ENGLISH);
        }
    }
}
