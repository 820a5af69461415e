package com.stockpulse.local.chaos;

import com.amazonaws.services.lambda.runtime.Context;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.events.DynamoDbStreamBatch;
import com.stockpulse.functions.events.KinesisBatch;
import com.stockpulse.local.streams.LambdaEvents;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    /** The faults, each under its name in {@code --chaos} and in the tally of what was injected. */
    private enum Fault {
        POST_5XX("post-5xx", "post-5xx"),
        POST_429("post-429", "post-429"),
        DROP_SOCKET("drop-socket", "sockets dropped"),
        CRASH_CONSUMER("crash-consumer", "consumer crashes"),
        CRASH_FANOUT("crash-fanout", "fan-out crashes");

        final String option;
        final String counted;

        Fault(String option, String counted) {
            this.option = option;
            this.counted = counted;
        }

        /** drop-socket is a chance per minute; the others a share of posts or invocations. */
        boolean perMinute() {
            return this == DROP_SOCKET;
        }

        static Optional<Fault> named(String option) {
            return Arrays.stream(values()).filter(fault -> fault.option.equals(option)).findFirst();
        }
    }

    private static final Pattern FAULT = Pattern.compile("([a-z0-9-]+)=(\\d+(?:\\.\\d+)?)%(/min)?");

    /** No faults: every roll says no. */
    public static final Chaos NONE = new Chaos(new EnumMap<>(Fault.class));

    /** Each fault's probability (drop-socket: per minute); absent is never. */
    private final Map<Fault, Double> rates;
    private final Map<Fault, LongAdder> injected = new EnumMap<>(Fault.class);

    private Chaos(Map<Fault, Double> rates) {
        this.rates = rates;
        for (Fault fault : Fault.values()) {
            injected.put(fault, new LongAdder());
        }
    }

    /**
     * Parses {@code post-5xx=5%,post-429=5%,drop-socket=1%/min,crash-consumer=1%,crash-fanout=1%} (any subset);
     * throws {@link IllegalArgumentException} naming the part it does not understand.
     */
    public static Chaos parse(String spec) {
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        for (String part : spec.split(",")) {
            Matcher matcher = FAULT.matcher(part.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new IllegalArgumentException("--chaos: '" + part.trim() + "' is not fault=P% (or drop-socket=P%/min)");
            }
            String name = matcher.group(1);
            Fault fault = Fault.named(name).orElseThrow(() -> new IllegalArgumentException("--chaos: unknown fault '"
                    + name + "'; known: " + Arrays.stream(Fault.values()).map(f -> f.option).collect(Collectors.joining(", "))));
            boolean perMinute = matcher.group(3) != null;
            if (perMinute != fault.perMinute()) {
                throw new IllegalArgumentException("--chaos: " + name + (perMinute ? " takes P%, not P%/min" : " takes P%/min"));
            }
            double rate = Double.parseDouble(matcher.group(2)) / 100;
            if (rate > 1) {
                throw new IllegalArgumentException("--chaos: " + name + " is at most 100%");
            }
            if (rates.put(fault, rate) != null) {
                throw new IllegalArgumentException("--chaos: " + name + " is given twice");
            }
        }
        return new Chaos(rates);
    }

    public boolean isOn() {
        return rates.values().stream().anyMatch(rate -> rate > 0);
    }

    /** True when this post should fail with a 5xx; counted. */
    public boolean post5xx() {
        return roll(Fault.POST_5XX, 1);
    }

    /** True when this post should be refused with 429; counted. */
    public boolean post429() {
        return roll(Fault.POST_429, 1);
    }

    /** True when an open socket should be cut now, rolled once a second per socket; counted. */
    public boolean dropSocketThisSecond() {
        return roll(Fault.DROP_SOCKET, 60);
    }

    /** True when this consumer invocation should crash; counted. */
    public boolean crashConsumer() {
        return roll(Fault.CRASH_CONSUMER, 1);
    }

    /** True when this fan-out invocation should crash; counted. */
    public boolean crashFanOut() {
        return roll(Fault.CRASH_FANOUT, 1);
    }

    public boolean dropsSockets() {
        return rate(Fault.DROP_SOCKET) > 0;
    }

    private double rate(Fault fault) {
        return rates.getOrDefault(fault, 0.0);
    }

    /** Rolls {@code fault}'s rate, divided by {@code rollsPerPeriod}; counts a yes. */
    private boolean roll(Fault fault, int rollsPerPeriod) {
        double probability = rate(fault) / rollsPerPeriod;
        if (probability <= 0 || ThreadLocalRandom.current().nextDouble() >= probability) {
            return false;
        }
        injected.get(fault).increment();
        return true;
    }

    /** The sale consumer as a Lambda that crashes at {@code crash-consumer}'s rate. */
    public BiFunction<KinesisBatch, Context, BatchResponse> crashingConsumer(
            BiFunction<KinesisBatch, Context, BatchResponse> consumer) {
        return crashing(this::crashConsumer, consumer, event -> event.records().size(), LambdaEvents::firstRecords);
    }

    /** The fan-out as a Lambda that crashes at {@code crash-fanout}'s rate. */
    public BiFunction<DynamoDbStreamBatch, Context, BatchResponse> crashingFanOut(
            BiFunction<DynamoDbStreamBatch, Context, BatchResponse> fanOut) {
        return crashing(this::crashFanOut, fanOut, event -> event.records().size(), LambdaEvents::firstRecords);
    }

    /**
     * {@code function} as a Lambda that sometimes crashes: when {@code roll} says so, it handles the records before a
     * random one of the batch and then dies without an answer, so the mapping retries the whole batch.
     */
    static <E> BiFunction<E, Context, BatchResponse> crashing(
            BooleanSupplier roll, BiFunction<E, Context, BatchResponse> function,
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
        return Arrays.stream(Fault.values()).map(fault -> fault.counted + " " + injected.get(fault).sum())
                .collect(Collectors.joining(", "));
    }

    /** The settings as given, e.g. {@code post-5xx=5%, drop-socket=1%/min}. */
    @Override
    public String toString() {
        if (!isOn()) {
            return "off";
        }
        return Arrays.stream(Fault.values()).filter(fault -> rate(fault) > 0).map(fault -> {
            double percent = rate(fault) * 100;
            return fault.option + "=" + (percent % 1 == 0 ? String.valueOf((long) percent) : String.valueOf(percent))
                    + (fault.perMinute() ? "%/min" : "%");
        }).collect(Collectors.joining(", "));
    }
}
