package com.stockpulse.cli;

import java.util.Arrays;

/**
 * The versions one viewer accepted, with the time each arrived, as a browser keeps them: only a newer version
 * replaces the shown one. Primitive arrays, because thousands of viewers each take hundreds of frames.
 * Written by the viewer's socket thread, read by the load test: every method is synchronized (never contended).
 */
final class ViewerTimeline {

    /** What a frame's version meant to the viewer. */
    enum Offer { NEWER, SAME, OLDER }

    /** Index of the viewer's SKU in the run's SKU list. */
    final int sku;
    private long[] versions = new long[8];
    private long[] times = new long[8];
    private int size;
    private long available = -1;

    ViewerTimeline(int sku) {
        this.sku = sku;
    }

    synchronized Offer offer(long version, long available, long atMillis) {
        if (size > 0 && version == versions[size - 1]) {
            return Offer.SAME;
        }
        if (size > 0 && version < versions[size - 1]) {
            return Offer.OLDER;
        }
        if (size == versions.length) {
            versions = Arrays.copyOf(versions, size * 2);
            times = Arrays.copyOf(times, size * 2);
        }
        versions[size] = version;
        times[size] = atMillis;
        size++;
        this.available = available;
        return Offer.NEWER;
    }

    /** The version shown now, -1 before the first frame. */
    synchronized long version() {
        return size == 0 ? -1 : versions[size - 1];
    }

    /** The units shown now, -1 before the first frame. */
    synchronized long available() {
        return available;
    }

    /** The accepted versions, strictly increasing. */
    synchronized long[] versions() {
        return Arrays.copyOf(versions, size);
    }

    /** When each of {@link #versions()} arrived, epoch milliseconds. */
    synchronized long[] times() {
        return Arrays.copyOf(times, size);
    }
}
