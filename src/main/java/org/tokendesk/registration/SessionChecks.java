package org.tokendesk.registration;

import java.time.Duration;

import org.tokendesk.discovery.Registry;
import org.tokendesk.registration.LogEntry.Event;

/**
 * What one online session checks besides its link, and the latest answers: the round trip (does
 * the registry lead callers of the token back to our port?) and whether anything listens on the
 * advertised local port. Guarded by the session's monitor, as {@link SessionTimers} is: started
 * with it held; an answer is taken with it held, dropped when it belongs to an older connection
 * (verification) or port (local check), logged, and then delivered.
 */
final class SessionChecks {
    /** How long a first "not registered" right after connecting waits before it is asked again. */
    static final Duration VERIFY_AGAIN_AFTER = Duration.ofSeconds(1);

    /** The session, as the checks see it. Every call is made with its monitor held. */
    interface Owner {
        /** Ties an answer to one connection: an answer of an older generation is dropped. */
        int generation();

        int port();

        Registry registry();

        /** Whether the session is online now: only then is the round trip asked. */
        boolean online();

        void log(Event event, String detail);

        /** Queues the session's snapshot as it is now. */
        void changed();
    }

    private final TokenSession session;
    private final Owner owner;
    private final Engine engine;
    private final SessionTimers timers;
    private Verification verification = new Verification.NotChecked();
    private LocalService local = new LocalService.NotChecked();

    SessionChecks(TokenSession session, Engine engine, SessionTimers timers) {
        this.session = session;
        this.owner = session;
        this.engine = engine;
        this.timers = timers;
    }

    Verification verification() {
        return verification;
    }

    LocalService local() {
        return local;
    }

    /** Forgets the answers (switched on again, maybe elsewhere); the snapshot follows with the next change. */
    void forget() {
        verification = new Verification.NotChecked();
        local = new LocalService.NotChecked();
    }

    /** Starts the round trip, when the engine has a discovery client and the session is online. */
    void verify() {
        verify(true);
    }

    /**
     * Our side of the upgrade can complete before the registry has filed the connection, so a first
     * "not registered" is asked again once, a moment later, before it counts.
     */
    private void verify(boolean mayAskAgain) {
        if (!engine.roundTrip().canVerify() || engine.isClosed() || !owner.online()) {
            return;
        }
        int g = owner.generation();
        setVerification(new Verification.Checking());
        engine.roundTrip().verify(owner.registry(), session.token, owner.port(), v -> {
            synchronized (session) {
                if (owner.generation() != g) {
                    return;
                }
                if (mayAskAgain && v instanceof Verification.NotRegistered) {
                    timers.later(VERIFY_AGAIN_AFTER, () -> {
                        if (owner.generation() == g) {
                            verify(false);
                        }
                    });
                    return;
                }
                owner.log(v instanceof Verification.Verified ? Event.VERIFIED : Event.VERIFY_MISMATCH, RoundTrip.describe(v));
                setVerification(v);
            }
            session.deliver();
        });
    }

    /** Starts the local port check. */
    void checkLocal() {
        if (engine.isClosed()) {
            return;
        }
        int checked = owner.port();
        engine.roundTrip().checkLocal(checked, result -> {
            synchronized (session) {
                if (owner.port() != checked) {
                    return;
                }
                if (result instanceof LocalService.NotListening n) {
                    owner.log(Event.LOCAL_NOT_LISTENING, checked + ": " + n.detail());
                } else {
                    owner.log(Event.LOCAL_LISTENING, Integer.toString(checked));
                }
                local = result;
                owner.changed();
            }
            session.deliver();
        });
    }

    private void setVerification(Verification v) {
        verification = v;
        owner.changed();
    }
}
