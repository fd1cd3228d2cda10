package org.tokendesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class SubProtocolTest {
    static SubProtocol ok(String s) {
        return assertInstanceOf(SubProtocol.Ok.class, SubProtocol.parse(s)).value();
    }

    static SubProtocol.Problem problem(String s) {
        return assertInstanceOf(SubProtocol.Malformed.class, SubProtocol.parse(s)).problem();
    }

    @Test
    void formatsAndParsesTheRegistrantsOffer() {
        SubProtocol io = SubProtocol.io("tokendesk-abc", "", 8788);
        assertEquals("io|0.0.1|tokendesk-abc||8788", io.format());
        assertEquals(io, ok(io.format()));
        assertTrue(io.isIo());
        assertEquals(OptionalInt.of(8788), io.portNumber());
        SubProtocol named = ok("io|0.0.1|cuid|bot.example.org|8788");
        assertEquals("bot.example.org", named.host());
    }

    @Test
    void shortAndOddOffersAreReadAsTheRegistryReadsThem() {
        SubProtocol web = ok("web");
        assertFalse(web.isIo());
        assertEquals("", web.clientId());
        assertEquals(OptionalInt.empty(), ok("io|0.0.1|x||abc").portNumber());
        assertEquals(OptionalInt.empty(), ok("io|0.0.1|x||70000").portNumber());
        assertEquals(OptionalInt.empty(), ok("io|0.0.1|x|").portNumber());
    }

    @Test
    void malformedOffersNameTheirProblem() {
        assertEquals(SubProtocol.Problem.BLANK, problem(""));
        assertEquals(SubProtocol.Problem.BLANK, problem(null));
        assertEquals(SubProtocol.Problem.NO_KIND, problem("|0.0.1|x||1"));
        assertEquals(SubProtocol.Problem.TOO_MANY_FIELDS, problem("io|0.0.1|x||1|extra"));
        assertEquals(SubProtocol.Problem.TOO_LONG, problem("io|" + "x".repeat(600)));
        assertEquals(SubProtocol.Problem.BAD_CHARACTER, problem("io|0.0.1|x\n||1"));
        assertThrows(IllegalArgumentException.class, () -> SubProtocol.io("a|b", "", 1));
        assertThrows(IllegalArgumentException.class, () -> SubProtocol.io("a", "", 0));
    }
}
