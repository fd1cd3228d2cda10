package org.tokendesk.registration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.token.Token;

/** Records what the engine tells its listeners, and waits for a state. */
final class Recorder implements KeepOnline.Listener {
    static final Duration WAIT = Duration.ofSeconds(10);

    final Map<Token, KeptToken> latest = new ConcurrentHashMap<>();
    final Map<Token, List<RegistrationState>> states = new ConcurrentHashMap<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void changed(KeptToken status) {
        latest.put(status.token(), status);
        List<RegistrationState> list = states.computeIfAbsent(status.token(), t -> new CopyOnWriteArrayList<>());
        if (list.isEmpty() || !list.get(list.size() - 1).equals(status.state())) {
            list.add(status.state());
        }
        threads.add(Thread.currentThread().getName());
    }

    KeptToken await(Token token, String what, Predicate<KeptToken> condition) {
        try {
            RegistryFixture.await(WAIT, what, () -> {
                KeptToken k = latest.get(token);
                return k != null && condition.test(k);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last: " + latest.get(token) + "; history: " + history(token), e);
        }
        return latest.get(token);
    }

    RegistrationState.Online awaitOnline(Token token) {
        return (RegistrationState.Online) await(token, "online", k -> k.state() instanceof RegistrationState.Online).state();
    }

    List<RegistrationState> history(Token token) {
        return states.getOrDefault(token, List.of());
    }
}
