package org.tokendesk.protocol;

/** Why a text frame is not an event frame. */
public enum FrameProblem {
    TOO_LARGE("larger than the frame limit"),
    TOO_DEEP("nested too deep"),
    NOT_JSON("not JSON"),
    NOT_AN_OBJECT("not a JSON object"),
    NO_EVENT_NAME("no event name");

    private final String why;

    FrameProblem(String why) {
        this.why = why;
    }

    /** A short technical phrase for logs (not user text). */
    public String why() {
        return why;
    }
}
