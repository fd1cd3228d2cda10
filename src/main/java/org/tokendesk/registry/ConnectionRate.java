package org.tokendesk.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per client address for WebSocket upgrades: a burst, then a steady rate. */
final class ConnectionRate {
    /** Beyond this many addresses the oldest buckets are forgotten (a flood of addresses must not fill the heap). */
    private static final int MAX_ADDRESSES = 50_000;

    private final int burst;
    private final double perNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    ConnectionRate(int burst, double perSecond) {
        this.burst = burst;
        this.perNano = perSecond / 1e9;
    }

    boolean admit(String address, long now) {
        if (buckets.size() > MAX_ADDRESSES) {
            forgetIdle(now);
        }
        Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perNano);
            bucket.at = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    /** Drops buckets that have filled up again: they hold nothing a fresh bucket would not. */
    void forgetIdle(long now) {
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return b.tokens + (now - b.at) * perNano >= burst;
            }
        });
    }
}
