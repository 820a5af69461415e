package com.stockpulse.local.chaos;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The faults AWS has, injected on purpose ({@code stockpulse local --chaos ...}), each counted so a run can say what
 * it survived. Off unless asked for.
 *
 * <ul>
 *   <li>{@code post-5xx=P%}: PostToConnection answers 500 (API Gateway's internal error) for P% of posts.</li>
 *   <li>{@code post-429=P%}: PostToConnection answers 429 (throttled, or a slow client's queue full).</li>
 *   <li>{@code drop-socket=P%/min}: each open socket is cut without a close frame with probability P% a minute, as
 *       a phone that loses its network.</li>
 *   <li>{@code crash-consumer=P%}, {@code crash-fanout=P%}: an invocation of the function dies at a random record
 *       of its batch after handling the records before it, as a Lambda crash (no partial response): the mapping
 *       retries the whole batch.</li>
 * </ul>
 */
public final class Chaos {

    private static final List<String> KNOWN = List.of("post-5xx", "post-429", "drop-socket", "crash-consumer", "crash-fanout");
    private static final Pattern FAULT = Pattern.compile("([a-z0-9-]+)=(\\d+(?:\\.\\d+)?)%(/min)?");

    /** No faults: every roll says no. */
    public static final Chaos NONE = new Chaos(0, 0, 0, 0, 0);

    private final double post5xx;
    private final double post429;
    private final double dropSocketPerMinute;
    private final double crashConsumer;
    private final double crashFanOut;

    final LongAdder posts5xx = new LongAdder();
    final LongAdder posts429 = new LongAdder();
    final LongAdder socketsDropped = new LongAdder();
    final LongAdder consumerCrashes = new LongAdder();
    final LongAdder fanOutCrashes = new LongAdder();

    Chaos(double post5xx, double post429, double dropSocketPerMinute, double crashConsumer, double crashFanOut) {
        this.post5xx = post5xx;
        this.post429 = post429;
        this.dropSocketPerMinute = dropSocketPerMinute;
        this.crashConsumer = crashConsumer;
        this.crashFanOut = crashFanOut;
    }

    /**
     * Parses {@code post-5xx=5%,post-429=5%,drop-socket=1%/min,crash-consumer=1%,crash-fanout=1%} (any subset);
     * throws {@link IllegalArgumentException} naming the part it does not understand.
     */
    public static Chaos parse(String spec) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            Matcher matcher = FAULT.matcher(part.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new IllegalArgumentException("--chaos: '" + part.trim() + "' is not fault=P% (or drop-socket=P%/min)");
            }
            String fault = matcher.group(1);
            if (!KNOWN.contains(fault)) {
                throw new IllegalArgumentException("--chaos: unknown fault '" + fault + "'; known: " + String.join(", ", KNOWN));
            }
            boolean perMinute = matcher.group(3) != null;
            if (perMinute != fault.equals("drop-socket")) {
                throw new IllegalArgumentException("--chaos: " + fault + (perMinute ? " takes P%, not P%/min" : " takes P%/min"));
            }
            double rate = Double.parseDouble(matcher.group(2)) / 100;
            if (rate > 1) {
                throw new IllegalArgumentException("--chaos: " + fault + " is at most 100%");
            }
            if (rates.put(fault, rate) != null) {
                throw new IllegalArgumentException("--chaos: " + fault + " is given twice");
            }
        }
        return new Chaos(rates.getOrDefault("post-5xx", 0.0), rates.getOrDefault("post-429", 0.0),
                rates.getOrDefault("drop-socket", 0.0), rates.getOrDefault("crash-consumer", 0.0),
                rates.getOrDefault("crash-fanout", 0.0));
    }

    public boolean isOn() {
        return post5xx > 0 || post429 > 0 || dropSocketPerMinute > 0 || crashConsumer > 0 || crashFanOut > 0;
    }

    /** True when this post should fail with a 5xx; counted. */
    public boolean post5xx() {
        return roll(post5xx, posts5xx);
    }

    /** True when this post should be refused with 429; counted. */
    public boolean post429() {
        return roll(post429, posts429);
    }

    /** True when an open socket should be cut now, rolled once a second per socket; counted. */
    public boolean dropSocketThisSecond() {
        return roll(dropSocketPerMinute / 60, socketsDropped);
    }

    /** True when this consumer invocation should crash; counted. */
    public boolean crashConsumer() {
        return roll(crashConsumer, consumerCrashes);
    }

    /** True when this fan-out invocation should crash; counted. */
    public boolean crashFanOut() {
        return roll(crashFanOut, fanOutCrashes);
    }

    public boolean dropsSockets() {
        return dropSocketPerMinute > 0;
    }

    private static boolean roll(double probability, LongAdder count) {
        if (probability <= 0 || ThreadLocalRandom.current().nextDouble() >= probability) {
            return false;
        }
        count.increment();
        return true;
    }

    /**
     * {@code function} as a Lambda that sometimes crashes: when {@code roll} says so, it handles the records before a
     * random one of the batch and then dies without an answer, so the mapping retries the whole batch.
     */
    public static <E> BiFunction<E, Context, StreamsEventResponse> crashing(
            BooleanSupplier roll, BiFunction<E, Context, StreamsEventResponse> function,
            ToIntFunction<E> size, BiFunction<E, Integer, E> firstRecords) {
        return (event, context) -> {
            int records = size.applyAsInt(event);
            if (records > 0 && roll.getAsBoolean()) {
                int crashAt = ThreadLocalRandom.current().nextInt(records);
                function.apply(firstRecords.apply(event, crashAt), context);
                throw new InjectedCrash("chaos: the function crashed at record " + crashAt + " of " + records);
            }
            return function.apply(event, context);
        };
    }

    /** A crash injected by {@link #crashing}, as the mapping sees an unhandled function error. */
    public static final class InjectedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedCrash(String message) {
            // No stack trace: the log line says what was injected; a trace of this class would only be noise.
            super(message, null, false, false);
        }
    }

    /**
     * What was injected so far, e.g. {@code post-5xx 120, post-429 118, sockets dropped 3, ...}; empty when chaos
     * is off.
     */
    public String injected() {
        if (!isOn()) {
            return "";
        }
        return "post-5xx " + posts5xx.sum() + ", post-429 " + posts429.sum() + ", sockets dropped "
                + socketsDropped.sum() + ", consumer crashes " + consumerCrashes.sum() + ", fan-out crashes "
                + fanOutCrashes.sum();
    }

    /** The settings as given, e.g. {@code post-5xx=5%, drop-socket=1%/min}. */
    @Override
    public String toString() {
        if (!isOn()) {
            return "off";
        }
        StringBuilder text = new StringBuilder();
        append(text, "post-5xx", post5xx, "%");
        append(text, "post-429", post429, "%");
        append(text, "drop-socket", dropSocketPerMinute, "%/min");
        append(text, "crash-consumer", crashConsumer, "%");
        append(text, "crash-fanout", crashFanOut, "%");
        return text.toString();
    }

    private static void append(StringBuilder text, String name, double rate, String unit) {
        if (rate > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(name).append('=')
                    .append(rate * 100 % 1 == 0 ? String.valueOf((long) (rate * 100)) : String.valueOf(rate * 100))
                    .append(unit);
        }
    }
}
