/**
 * Lambda's event source mappings, emulated: an {@link EventSourceMapping} per stream and function, set as
 * shared-model's {@code StreamMapping} says (the stack sets AWS's mappings from the same settings), polls through a
 * {@link StreamPoller} as AWS documents it: one worker per shard, batching, partial batch responses, bisection,
 * retries, maximum record age and an on-failure {@link FailureDestination}. Read positions are kept in
 * {@link Checkpoints}. {@link ShardedStream} hides whether the records come from Kinesis ({@link KinesisShardedStream})
 * or the stock table's stream ({@link DynamoDbShardedStream}); {@link LambdaEvents} turns them into the events the
 * functions read.
 */
package com.stockpulse.local.streams;
