package com.stockpulse.functions.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * Simulated time for deterministic tests: a clock and a {@link Ticker} whose sleep runs whatever was scheduled up to
 * the wake-up time, in time order, and then moves the time on. Single-threaded: every actor runs in the caller.
 */
final class SimulatedTime implements Ticker {

    static final Instant EPOCH = Instant.parse("2026-11-22T12:00:00Z");

    private record Task(long at, long order, Runnable action) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long now;
    private long order;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepNanos(long nanos) {
        runUntil(now + nanos);
    }

    void schedule(long atNanos, Runnable action) {
        tasks.add(new Task(Math.max(atNanos, now), order++, action));
    }

    /** Runs every task due up to {@code until} (tasks may schedule more), then sets the time to it. */
    void runUntil(long until) {
        while (!tasks.isEmpty() && tasks.peek().at <= until) {
            Task task = tasks.poll();
            now = Math.max(now, task.at);
            task.action.run();
        }
        now = Math.max(now, until);
    }

    Instant instant() {
        return EPOCH.plusNanos(now);
    }

    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return SimulatedTime.this.instant();
            }
        };
    }
}
