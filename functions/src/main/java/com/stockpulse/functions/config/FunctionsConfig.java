package com.stockpulse.functions.config;

import com.stockpulse.model.AllowedOrigins;
import com.stockpulse.model.TableSchema;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the functions, read once. The only class here that reads environment variables; the embedded
 * runtime and the tests pass their settings as a map ({@link #of}).
 */
public final class FunctionsConfig {

    public static final String REGION = "AWS_REGION";
    public static final String DYNAMODB_ENDPOINT = "STOCKPULSE_DYNAMODB_ENDPOINT";
    public static final String MANAGEMENT_ENDPOINT = "STOCKPULSE_MANAGEMENT_ENDPOINT";
    public static final String STOCK_TABLE = TableSchema.STOCK.variable();
    public static final String CONNECTIONS_TABLE = TableSchema.CONNECTIONS.variable();
    public static final String CATALOG_TABLE = TableSchema.CATALOG.variable();
    public static final String PROCESSED_EVENTS_TABLE = TableSchema.PROCESSED_EVENTS.variable();
    public static final String CONNECTION_TTL = "STOCKPULSE_CONNECTION_TTL";
    public static final String PROCESSED_EVENT_TTL = "STOCKPULSE_PROCESSED_EVENT_TTL";
    public static final String CONNECTION_SHARDS = "STOCKPULSE_CONNECTION_SHARDS";
    public static final String FANOUT_CONCURRENCY = "STOCKPULSE_FANOUT_CONCURRENCY";
    public static final String FANOUT_DEADLINE = "STOCKPULSE_FANOUT_DEADLINE";
    public static final String POST_BUDGET = "STOCKPULSE_POST_BUDGET";
    public static final String HTTP_TIMEOUT = "STOCKPULSE_HTTP_TIMEOUT";
    public static final String ALLOWED_ORIGINS = "STOCKPULSE_ALLOWED_ORIGINS";
    public static final String CLIENT_MESSAGES_PER_SECOND = "STOCKPULSE_CLIENT_MESSAGES_PER_SECOND";
    public static final String CLIENT_MESSAGE_BURST = "STOCKPULSE_CLIENT_MESSAGE_BURST";
    /** Read by log4j, not here: the stack points it at {@link #LAMBDA_LOG_CONFIGURATION} on every function. */
    public static final String LOG_CONFIGURATION = "LOG4J_CONFIGURATION_FILE";
    /** The functions' JSON log configuration in the Lambda jar (src/main/resources). */
    public static final String LAMBDA_LOG_CONFIGURATION = "log4j2-lambda.xml";

    /** API Gateway closes every connection after 2 h; the margin covers clock skew and a late $disconnect. */
    static final Duration DEFAULT_CONNECTION_TTL = Duration.ofHours(2).plusMinutes(10);
    /** Longer than the 7-day maximum record age we allow the Kinesis mapping, so a redelivery is always caught. */
    static final Duration DEFAULT_PROCESSED_EVENT_TTL = Duration.ofDays(8);
    /** 80% of the account's 10,000/s: the rest for sync answers and everything else the account posts. */
    public static final int DEFAULT_POST_BUDGET = 8_000;
    public static final Duration DEFAULT_FANOUT_DEADLINE = Duration.ofSeconds(5);

    private final Map<String, String> values;

    private FunctionsConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The Lambda environment. */
    public static FunctionsConfig fromEnvironment() {
        return new FunctionsConfig(System.getenv());
    }

    /** Settings from an explicit map (tests, the embedded runtime); defaults fill the rest. */
    public static FunctionsConfig of(Map<String, String> values) {
        return new FunctionsConfig(values);
    }

    /** These settings with one more, or one replaced: for a runtime that learns a value only as it starts. */
    public FunctionsConfig with(String name, String value) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put(name, value);
        return new FunctionsConfig(changed);
    }

    public String region() {
        return text(REGION).orElse("us-east-1");
    }

    public Optional<URI> dynamoDbEndpoint() {
        return text(DYNAMODB_ENDPOINT).map(URI::create);
    }

    /** The {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}} endpoint for PostToConnection. */
    public URI managementEndpoint() {
        return text(MANAGEMENT_ENDPOINT).map(URI::create).orElseThrow(() -> new IllegalStateException(
                MANAGEMENT_ENDPOINT + " is not set: the functions that post to browsers need the WebSocket API's "
                        + "management endpoint, https://{api-id}.execute-api.{region}.amazonaws.com/{stage}"));
    }

    public String stockTable() {
        return tableName(TableSchema.STOCK);
    }

    public String connectionsTable() {
        return tableName(TableSchema.CONNECTIONS);
    }

    public String catalogTable() {
        return tableName(TableSchema.CATALOG);
    }

    public String processedEventsTable() {
        return tableName(TableSchema.PROCESSED_EVENTS);
    }

    /** The deployed name of one of the four tables: its variable, else its default name. */
    public String tableName(TableSchema table) {
        return text(table.variable()).orElse(table.defaultName());
    }

    public Duration connectionTtl() {
        return duration(CONNECTION_TTL, DEFAULT_CONNECTION_TTL);
    }

    public Duration processedEventTtl() {
        return duration(PROCESSED_EVENT_TTL, DEFAULT_PROCESSED_EVENT_TTL);
    }

    /** How many partition keys one page's connections are spread over; see functions/STORAGE.md. */
    public int connectionShards() {
        return positiveInt(CONNECTION_SHARDS, 1);
    }

    public int fanOutConcurrency() {
        return positiveInt(FANOUT_CONCURRENCY, 64);
    }

    /**
     * How long one fan-out invocation posts before it keeps its progress and returns; the next invocation goes on
     * (see StockFanOut). Short, so other SKUs on the shard wait no longer than this; well below the function timeout.
     */
    public Duration fanOutDeadline() {
        return duration(FANOUT_DEADLINE, DEFAULT_FANOUT_DEADLINE);
    }

    /**
     * PostToConnection calls per second one fan-out invocation may spend. The account's quota (10,000/s, shared with
     * every API Gateway call of the account) divided by the fan-out invocations that can run at once: the stack sets
     * it from its reserved concurrency. The default fits one invocation with room for sync answers.
     */
    public int postBudget() {
        return positiveInt(POST_BUDGET, DEFAULT_POST_BUDGET);
    }

    /**
     * The web origins whose pages may connect, comma-separated ({@code *} for any). Unset, no page may: the stack
     * sets its website's origin, the local runtime its own.
     */
    public AllowedOrigins allowedOrigins() {
        String setting = text(ALLOWED_ORIGINS).orElse("");
        try {
            return AllowedOrigins.parse(setting);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ALLOWED_ORIGINS + ": " + e.getMessage(), e);
        }
    }

    /** How many messages one socket may send per second on average ({@code sync}, {@code ping}, anything). */
    public int clientMessagesPerSecond() {
        return positiveInt(CLIENT_MESSAGES_PER_SECOND, 10);
    }

    /** How many messages one socket may send at once after a quiet spell. */
    public int clientMessageBurst() {
        return positiveInt(CLIENT_MESSAGE_BURST, 20);
    }

    public Duration httpTimeout() {
        return duration(HTTP_TIMEOUT, Duration.ofSeconds(5));
    }

    /**
     * The JDK's HttpURLConnection (under the SDK's UrlConnection client) keeps only 5 idle connections per host
     * unless {@code http.maxConnections} says more, and reads it once, on first use. With {@link #fanOutConcurrency}
     * posts in flight the rest would each open a new connection: a TLS handshake per post on AWS. Call before any
     * HTTP request is made in this JVM; a value set on the command line wins.
     */
    public static void applyHttpKeepAlive(int connectionsPerHost) {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(connectionsPerHost));
        }
    }

    private Optional<String> text(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private int positiveInt(String name, int fallback) {
        return text(name).map(value -> {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < 1) {
                    throw new IllegalStateException(name + " must be at least 1, got " + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalStateException(name + " must be a whole number, got '" + value + "'", e);
            }
        }).orElse(fallback);
    }

    /** ISO-8601 durations ({@code PT20S}) or plain seconds ({@code 20}). */
    private Duration duration(String name, Duration fallback) {
        return text(name).map(value -> {
            try {
                return value.chars().allMatch(Character::isDigit)
                        ? Duration.ofSeconds(Long.parseLong(value))
                        : Duration.parse(value);
            } catch (RuntimeException e) {
                throw new IllegalStateException(name + " must be seconds or an ISO-8601 duration, got '" + value + "'", e);
            }
        }).orElse(fallback);
    }
}
