package com.stockpulse.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/** A function as the Lambda service sees it: an event's JSON in, the answer's JSON out. */
@FunctionalInterface
public interface LambdaFunction {

    byte[] invoke(byte[] event, Context context);
}
