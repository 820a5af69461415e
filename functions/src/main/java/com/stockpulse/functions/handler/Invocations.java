package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.stockpulse.functions.config.SnapStartPriming;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.logging.RequestLogging;
import com.stockpulse.functions.metrics.Metrics;
import com.stockpulse.model.FunctionAccess;
import java.util.function.Supplier;

/**
 * What frames each invocation of a handler: its log lines carry the request (on Lambda) and its figures are flushed
 * when it ends, whether it answers or throws. {@link #PLAIN} for unit tests.
 */
record Invocations(Metrics metrics, RequestLogging logging) {

    static final Invocations PLAIN = new Invocations(Metrics.NONE, RequestLogging.PLAIN);

    static Invocations of(Wiring wiring) {
        return new Invocations(wiring.metrics(), wiring.requestLogging());
    }

    /** The Lambda container's wiring, with SnapStart priming registered for what {@code function} calls. */
    static Wiring onLambda(FunctionAccess function) {
        Wiring wiring = Wiring.shared();
        SnapStartPriming.register(wiring, function);
        return wiring;
    }

    <T> T run(Context context, Supplier<T> answer) {
        return logging.around(context, () -> metrics.flushAfter(answer));
    }
}
