/**
 * The Lambda events the two stream functions read, as the JSON AWS sends them, and the partial batch response they
 * answer. The handlers read them with our one {@code ObjectMapper} (they are {@code RequestStreamHandler}s): the
 * Lambda runtime's own serializer maps {@code KinesisEvent} and {@code DynamodbEvent} only with joda-time on the
 * class path. The local runtime's event source mappings write the same records, so local runs send the same bytes.
 */
package com.stockpulse.functions.events;
