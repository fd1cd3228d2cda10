package org.tokendesk.protocol;

/** Why a {@code jsonrpc} payload is neither a request, a notification nor a response. */
public enum RpcProblem {
    NOT_AN_OBJECT("jsonrpc without an object payload"),
    BAD_ID("an id that is neither a string nor a number"),
    NO_METHOD_NO_RESULT("neither a method nor a result nor an error");

    private final String why;

    RpcProblem(String why) {
        this.why = why;
    }

    public String why() {
        return why;
    }
}
