package com.stockpulse.cli;

import java.util.Arrays;

/**
 * Frames all viewers received per wall-clock second, against the fan-out's posts-per-second budget: each frame is
 * one PostToConnection, so this is what the run cost the account's API Gateway quota.
 *
 * @param perSecond         frames in each second since the drive began, through quiescence
 * @param meanPerSecond     over the whole seconds of the drive phase
 * @param maxPerSecond      the busiest second
 * @param secondsOverBudget seconds with more frames than the budget
 */
record PostRate(long[] perSecond, long budget, double meanPerSecond, long maxPerSecond, int secondsOverBudget) {

    static PostRate of(long[] perSecond, double driveSeconds, long budget) {
        int driven = (int) Math.max(1, Math.min(perSecond.length, Math.floor(driveSeconds)));
        double mean = perSecond.length == 0 ? 0 : Arrays.stream(perSecond, 0, driven).sum() / (double) driven;
        long max = Arrays.stream(perSecond).max().orElse(0);
        int over = (int) Arrays.stream(perSecond).filter(frames -> frames > budget).count();
        return new PostRate(perSecond, budget, mean, max, over);
    }

    static PostRate none(long budget) {
        return new PostRate(new long[0], budget, 0, 0, 0);
    }
}
