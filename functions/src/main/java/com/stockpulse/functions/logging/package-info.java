/**
 * What the functions' log lines carry. {@link RequestLogging} frames an invocation: on Lambda every line of it names
 * the request id, the cold start and the function, and is written as JSON by log4j through Powertools; in the local
 * runtime and unit tests ({@code PLAIN}) nothing is added and Powertools' logging is never loaded. {@link LogFields}
 * names the ids a line mentions, each under one key, so CloudWatch Logs Insights can filter on them. The other
 * packages log through SLF4J and take their fields from here; none of them knows log4j or Powertools.
 */
package com.stockpulse.functions.logging;
