package org.tokendesk.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.tokendesk.token.Token;

/** The token directory of one registry process. */
public final class MemoryDirectory implements TokenDirectory {
    private static final Comparator<Registrant> NEWEST_FIRST = Comparator.comparingLong(Registrant::serial).reversed();

    private final Map<Token, List<Registrant>> byToken = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public void add(Registrant registrant) {
        byToken.compute(registrant.token(), (t, list) -> {
            List<Registrant> l = list == null ? new CopyOnWriteArrayList<>() : list;
            l.add(0, registrant);
            size.incrementAndGet();
            return l;
        });
    }

    @Override
    public void remove(Registrant registrant) {
        byToken.computeIfPresent(registrant.token(), (t, list) -> {
            if (list.remove(registrant)) {
                size.decrementAndGet();
            }
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public List<Registrant> online(Token token) {
        List<Registrant> list = byToken.get(token);
        if (list == null) {
            return List.of();
        }
        List<Registrant> copy = new ArrayList<>(list);
        copy.sort(NEWEST_FIRST);
        return copy;
    }

    @Override
    public List<Registrant> all() {
        List<Registrant> every = new ArrayList<>(size.get());
        byToken.values().forEach(every::addAll);
        every.sort(NEWEST_FIRST);
        return every;
    }

    @Override
    public int size() {
        return size.get();
    }
}
