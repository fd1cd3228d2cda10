package org.tokendesk.discovery;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The fields of a {@code /v0/hosties/<token>} answer that matter, read with Jackson's streaming
 * parser: a cold ObjectMapper costs a CLI run about half a second, this a fraction of it.
 * {@code host} and {@code ip} are null unless non-blank strings; {@code port} is null unless a whole
 * number or a string of up to five digits; {@code portShown} is how the port looked, for messages.
 */
record HostieAnswer(String host, String ip, Integer port, String portShown) {
    private static final JsonFactory JSON = new JsonFactory();

    /** Thrown for bodies that are not a JSON object; the message says which. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    static HostieAnswer parse(byte[] body) throws Unusable {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Unusable("not a JSON object");
            }
            String host = null;
            String ip = null;
            Integer port = null;
            String portShown = "missing";
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t == null) {
                    throw new Unusable("not JSON");
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "host" -> host = text(p, value);
                    case "ip" -> ip = text(p, value);
                    case "port" -> {
                        port = port(p, value);
                        portShown = shown(p, value);
                    }
                    default -> {
                    }
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
            return new HostieAnswer(host, ip, port, portShown);
        } catch (IOException e) {
            throw new Unusable("not JSON");
        }
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return null;
        }
        String s = p.getText().strip();
        return s.isEmpty() ? null : s;
    }

    /** A number, or a string of digits: the registry passes on whatever the registrant answered. */
    private static Integer port(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (value == JsonToken.VALUE_STRING && p.getText().strip().matches("\\d{1,5}")) {
            return Integer.parseInt(p.getText().strip());
        }
        return null;
    }

    private static String shown(JsonParser p, JsonToken value) throws IOException {
        String s = switch (value) {
            case VALUE_NULL -> "missing";
            case START_OBJECT -> "{…}";
            case START_ARRAY -> "[…]";
            // A registry may echo anything here, the token too: no more of a string than a mask shows.
            case VALUE_STRING -> '"' + (p.getText().length() > 8 ? p.getText().substring(0, 8) + "…" : p.getText()) + '"';
            default -> p.getText();
        };
        // The value is the registry's, not ours: keep it short and printable.
        s = s.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
