package com.stockpulse.functions.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What surrounds one invocation's log lines. On Lambda ({@link #POWERTOOLS}) every line of the invocation carries the
 * request id, the cold start and the function's name, and is written as JSON by log4j (log4j2-lambda.xml). The local
 * runtime and tests use {@link #PLAIN}: their lines go to java.util.logging as they are, and Powertools, which asks for
 * log4j, is never loaded there.
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
