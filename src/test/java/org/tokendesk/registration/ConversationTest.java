package org.tokendesk.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.tokendesk.registration.Conversation.Line;
import org.tokendesk.registration.Conversation.Turn;
import org.tokendesk.registration.LogEntry.Event;
import org.tokendesk.token.Token;

/** The registrant's conversation without sockets: a message in, reply, log lines and effect out. */
class ConversationTest {
    static final Token TOKEN = Token.of("insecure_conv-5c0c4c34-1f1e-4a52-9c0b-7b5d2a1e9f00");

    static Turn in(String text, boolean online) {
        return Conversation.receive(text, TOKEN, 8788, online);
    }

    static List<Event> events(Turn turn) {
        return turn.lines().stream().map(Line::event).toList();
    }

    @Test
    void thePortQueryIsAnsweredWithTheIdAsSentAndCounted() {
        Turn turn = in("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":-9007199254736248,\"method\":\"getHostieGrpcPort\"}}", true);
        assertEquals(Optional.of("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":-9007199254736248,\"result\":8788}}"), turn.reply());
        assertEquals(List.of(new Line(Event.QUERIED, "getHostieGrpcPort id -9007199254736248"), new Line(Event.ANSWERED, "8788")), turn.lines());
        assertInstanceOf(Conversation.Answered.class, turn.effect());
    }

    @Test
    void otherMethodsGetMethodNotFoundAndNotificationsNothing() {
        Turn unknown = in("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"rm -rf\"}}", true);
        assertTrue(unknown.reply().orElseThrow().contains("\"id\":\"x\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}"));
        assertEquals(List.of(new Line(Event.UNKNOWN_METHOD, "rm -rf")), unknown.lines());
        Turn note = in("{\"name\":\"jsonrpc\",\"payload\":{\"jsonrpc\":\"2.0\",\"method\":\"getHostieGrpcPort\"}}", true);
        assertEquals(Optional.empty(), note.reply());
        assertEquals(List.of(new Line(Event.IGNORED, "jsonrpc notification getHostieGrpcPort")), note.lines());
        assertEquals(Optional.empty(), in("{\"name\":\"jsonrpc\",\"payload\":{\"id\":3,\"result\":1}}", true).reply());
    }

    @Test
    void garbageIsLoggedWithTheTokenMaskedAndNotAnswered() {
        for (String text : List.of("not json " + TOKEN.reveal(), "[1]", "{\"name\":5}", "{\"name\":\"jsonrpc\",\"payload\":\"x\"}", "[".repeat(5000))) {
            Turn turn = in(text, true);
            assertEquals(List.of(Event.GARBAGE), events(turn), text);
            assertEquals(Optional.empty(), turn.reply());
            assertFalse(turn.lines().get(0).detail().contains(TOKEN.reveal()));
        }
    }

    @Test
    void eventsAreOnlyLoggedAndShutdownStopsTheToken() {
        for (String text : List.of("{\"name\":\"botie\",\"payload\":{\"source\":\"process.exit(1)\"}}", "{\"name\":\"logout\",\"payload\":\"bye\"}",
                "{\"name\":\"reset\"}", "{\"name\":\"sys\",\"payload\":\"hello\"}")) {
            Turn turn = in(text, true);
            assertEquals(List.of(Event.IGNORED), events(turn), text);
            assertInstanceOf(Conversation.Nothing.class, turn.effect());
        }
        assertEquals(List.of(Event.REGISTERED), events(in("{\"name\":\"sys\",\"payload\":\"registered\"}", false)));
        assertEquals(List.of(), events(in("{\"name\":\"sys\",\"payload\":\"roger\"}", true)));
        assertEquals(new Conversation.Shutdown("maintenance"), in("{\"name\":\"shutdown\",\"payload\":\"maintenance\"}", true).effect());
    }

    @Test
    void theHostieAnswerCountsOnlyWhileOnline() {
        assertEquals(new Conversation.ReachableAs("127.0.0.1"), in("{\"name\":\"hostie\",\"payload\":\" 127.0.0.1 \"}", true).effect());
        assertInstanceOf(Conversation.Nothing.class, in("{\"name\":\"hostie\",\"payload\":\"127.0.0.1\"}", false).effect());
        assertInstanceOf(Conversation.Nothing.class, in("{\"name\":\"hostie\",\"payload\":{\"x\":1}}", true).effect());
    }

    @Test
    void theGreetingSaysWhoWeAreAndAsksHostie() {
        List<String> greeting = Conversation.greeting("tokendesk-abc");
        assertTrue(greeting.get(0).startsWith("{\"name\":\"sys\",\"payload\":\"TokenDesk "), greeting.get(0));
        assertTrue(greeting.get(0).endsWith("with client id: tokendesk-abc\"}"));
        assertEquals("{\"name\":\"hostie\"}", greeting.get(1));
    }
}
