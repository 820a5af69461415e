/**
 * The Kinesis stream of sale events for the local runtime: {@link SaleEventsStream} creates the stream if it is
 * missing and waits until it is ACTIVE, on a {@link KinesaliteProcess} (the pinned kinesalite, run with Node as a
 * child process that dies with this JVM) or on the Kinesis named with {@code --kinesis-endpoint}, such as
 * LocalStack's. Everything else (the CLI, the ops endpoint, the sale-events mapping's poller) reaches it with the
 * ordinary SDK Kinesis client, as it would reach AWS's.
 */
package com.stockpulse.local.kinesis;
