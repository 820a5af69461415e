package com.stockpulse.functions.broadcast;

import java.util.concurrent.TimeUnit;

/**
 * The fan-out's sense of time: how long it has been, and waiting. The system ticker in production; a simulated one
 * in the flash-sale simulation, where waiting moves simulated time instead of the thread.
 */
public interface Ticker {

    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** {@link System#nanoTime()} and {@link TimeUnit#sleep}. */
    enum SystemTicker implements Ticker {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
