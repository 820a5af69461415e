/**
 * Lambda's side of an invocation, for the local runtime: {@link LocalFunctions} invokes the unchanged handlers as the
 * Lambda runtime does, so local runs read the bytes AWS sends (a {@code RequestStreamHandler} gets the event's JSON as
 * it is, a {@code RequestHandler} gets it through the runtime's own serializer) and their answers go back to JSON the
 * same way. {@link LambdaFunction} is a function as the Lambda service sees it, JSON in and JSON out, and
 * {@link LocalLambdaContext} its context for one invocation. The WebSocket API emulator and the event source mappings
 * invoke the functions through here.
 */
package com.stockpulse.local.lambda;
