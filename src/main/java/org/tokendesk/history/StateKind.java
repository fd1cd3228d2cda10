package org.tokendesk.history;

/** What one check, probe or keep-online change found, in the words of the timeline. */
public enum StateKind {
    /** The registry hands out host:port (a check). */
    RESOLVED(Health.UP),
    /** The registry does not know the token. */
    NOT_REGISTERED(Health.DOWN),
    /** Registered, but the registry cannot reach the service (it answers 127.0.0.1). */
    UNREACHABLE(Health.DEGRADED),
    /** The lookup got no usable answer; the detail is the {@code Lookup.Failure} kind. */
    LOOKUP_FAILED(Health.DOWN),
    /** The puppet service answered the health check SERVING. */
    SERVING(Health.UP),
    /** The service runs, its puppet has no heartbeat. */
    NOT_SERVING(Health.DEGRADED),
    /** The probe found no working puppet service; the detail names what it found. */
    PROBE_FAILED(Health.DOWN),
    /** Kept online: the registry holds our connection. */
    ONLINE(Health.UP),
    /** Kept online: opening the connection (at every start: not a drop by itself; the retries after one are). */
    CONNECTING(Health.IDLE),
    /** Kept online: dropped, waiting to reconnect. */
    RETRYING(Health.DEGRADED),
    /** Kept online: the registry refused the token. */
    REJECTED(Health.DOWN),
    /** Kept online: the registry told us to stop. */
    STOPPED(Health.DOWN),
    /** Keep-online switched off: no claim about the token either way. */
    OFF(Health.IDLE);

    private final Health health;

    StateKind(Health health) {
        this.health = health;
    }

    public Health health() {
        return health;
    }

    /** How a state counts for uptime: up, a drop (degraded or down), or no claim. */
    public enum Health {
        UP,
        DEGRADED,
        DOWN,
        IDLE;

        public boolean outage() {
            return this == DEGRADED || this == DOWN;
        }
    }
}
