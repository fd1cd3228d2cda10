package org.tokendesk.protocol;

/** The JSON-RPC methods a registry calls on a registrant. */
public final class Methods {
    /** What the open-source registry and Wechaty 1.x call. */
    public static final String GET_HOSTIE_GRPC_PORT = "getHostieGrpcPort";
    /** The protocol draft's and older docs' name for the same question. */
    public static final String HOSTIE_GRPC_PORT = "hostieGrpcPort";
    /** What a registry assumes when the registrant does not answer the port query. */
    public static final int DEFAULT_GRPC_PORT = 8788;

    private Methods() {
    }

    /** Either name of the port query. */
    public static boolean isPortQuery(String method) {
        return GET_HOSTIE_GRPC_PORT.equals(method) || HOSTIE_GRPC_PORT.equals(method);
    }
}
