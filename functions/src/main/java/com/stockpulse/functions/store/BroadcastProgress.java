package com.stockpulse.functions.store;

import com.stockpulse.model.Tables;
import java.util.List;
import java.util.function.Function;

/**
 * Where one SKU's broadcast stands between fan-out invocations. Viewers form a ring in connection-id order;
 * {@code version} is the newest version the broadcast has sent. Still owed it: the viewers from {@code from}
 * (inclusive) round the ring up to {@code until} (exclusive; {@code from == until} means the whole ring), and the
 * {@code owed} viewers, whose posts were started but not finished (at the deadline, or a socket still connecting).
 * {@code from} and {@code until} are both null when no stretch of the ring is owed. {@code seq} counts the writes of
 * the progress, so that each write is conditional on the one before (0: never written).
 */
public record BroadcastProgress(long version, String from, String until, List<String> owed, long seq) {

    /** At most this many unfinished viewers are carried to the next invocation; beyond, they are skipped. */
    public static final int MAX_OWED = 200;

    public static final BroadcastProgress NONE = new BroadcastProgress(0, null, null, List.of(), 0);

    public BroadcastProgress {
        owed = List.copyOf(owed);
        if ((from == null) != (until == null)) {
            throw new IllegalArgumentException("from and until are set together, got " + from + " and " + until);
        }
        if (owed.size() > MAX_OWED) {
            throw new IllegalArgumentException("at most " + MAX_OWED + " owed viewers, got " + owed.size());
        }
        if (version < 0 || seq < 0) {
            throw new IllegalArgumentException("version and seq must not be negative");
        }
    }

    /**
     * The progress kept on a stock row, read through the row's string, number and string-set attributes (each
     * giving null when absent); {@link #NONE} when it was never written.
     */
    public static BroadcastProgress fromRow(Function<String, String> strings, Function<String, String> numbers,
                                            Function<String, List<String>> stringSets) {
        String seq = numbers.apply(Tables.Stock.BROADCAST_SEQ);
        if (seq == null) {
            return NONE;
        }
        String version = numbers.apply(Tables.Stock.BROADCAST_VERSION);
        List<String> owed = stringSets.apply(Tables.Stock.BROADCAST_OWED);
        List<String> kept = owed == null ? List.of() : owed.subList(0, Math.min(owed.size(), MAX_OWED));
        return new BroadcastProgress(version == null ? 0 : Long.parseLong(version),
                strings.apply(Tables.Stock.BROADCAST_FROM), strings.apply(Tables.Stock.BROADCAST_UNTIL), kept,
                Long.parseLong(seq));
    }

    /** True while some viewer is still owed {@link #version}. */
    public boolean pending() {
        return from != null || !owed.isEmpty();
    }

    /** The same broadcast, finished: nobody is owed {@code sent} any more. */
    public BroadcastProgress finished(long sent) {
        return new BroadcastProgress(sent, null, null, List.of(), seq + 1);
    }

    @Override
    public String toString() {
        return "BroadcastProgress[v" + version + (from == null ? "" : " from " + from + " until " + until)
                + (owed.isEmpty() ? "" : " owed " + owed.size()) + " #" + seq + "]";
    }
}
