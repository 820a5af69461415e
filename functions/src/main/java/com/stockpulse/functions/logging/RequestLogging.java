package com.stockpulse.functions.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What surrounds one invocation's log lines. On Lambda ({@link #POWERTOOLS}) every line of the invocation carries the
 * request id, the cold start and the function's name, and is written as JSON by log4j (log4j2-lambda.xml); the
 * fan-out hands these fields to its worker threads. The local runtime and unit tests use {@link #PLAIN}: nothing is
 * added, and Powertools' logging manager, which asks for log4j, is never loaded (the local runtime's lines go to
 * java.util.logging; the functions module's own tests run log4j with the Lambda configuration).
 */
public interface RequestLogging {

    <T> T around(Context context, Supplier<T> invocation);

    /** Runs the invocation; nothing is added to its lines. */
    RequestLogging PLAIN = new RequestLogging() {
        @Override
        public <T> T around(Context context, Supplier<T> invocation) {
            return invocation.get();
        }
    };

    /** Powertools' functional logging: the context's fields are set for the invocation and cleared after it. */
    RequestLogging POWERTOOLS = new RequestLogging() {
        @Override
        public <T> T around(Context context, Supplier<T> invocation) {
            return PowertoolsLogging.withLogging(context, invocation);
        }
    };
}
