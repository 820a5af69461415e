package com.stockpulse.local.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something asynchronous (a poller, a fan-out) to become true, failing with a message when it does not. */
public final class Eventually {

    private Eventually() {
    }

    public static void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(condition.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
