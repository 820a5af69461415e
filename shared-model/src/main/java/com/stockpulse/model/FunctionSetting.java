package com.stockpulse.model;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every setting the functions read from their environment, declared once: its variable, its type, its default, the
 * values it allows and what it means. The functions' {@code FunctionsConfig} reads them; the stack ({@code infra/aws})
 * and the local runtime write them with {@link #format}. The tables' names are {@link TableSchema}'s.
 *
 * <p>Adding a setting: one constant here, and its use.
 *
 * @param <T> the value's type
 */
public final class FunctionSetting<T> {

    /** What the CDK stack gives the fan-out: 80% of the account's 10,000/s, the rest for sync answers and others. */
    public static final int AWS_POST_BUDGET = 8_000;

    public static final FunctionSetting<String> REGION = text("AWS_REGION", "us-east-1",
            "the AWS region of the tables and the WebSocket API; Lambda sets it");
    public static final FunctionSetting<URI> DYNAMODB_ENDPOINT = uri("STOCKPULSE_DYNAMODB_ENDPOINT",
            "another DynamoDB endpoint than the region's (the local runtime, tests)");
    public static final FunctionSetting<URI> MANAGEMENT_ENDPOINT = uri("STOCKPULSE_MANAGEMENT_ENDPOINT",
            "the WebSocket API's @connections endpoint, https://{api-id}.execute-api.{region}.amazonaws.com/{stage}: "
                    + "the functions that post to browsers need it");
    public static final FunctionSetting<Duration> CONNECTION_TTL = duration("STOCKPULSE_CONNECTION_TTL",
            Duration.ofHours(2).plusMinutes(10),
            "how long a connection row lives: API Gateway closes every connection after 2 h; the margin covers clock "
                    + "skew and a late $disconnect");
    public static final FunctionSetting<Duration> PROCESSED_EVENT_TTL = duration("STOCKPULSE_PROCESSED_EVENT_TTL",
            Duration.ofDays(8),
            "how long an applied event's id is kept: longer than the 7-day maximum record age of the Kinesis "
                    + "mapping, so a redelivery is always caught");
    public static final FunctionSetting<Integer> CONNECTION_SHARDS = count("STOCKPULSE_CONNECTION_SHARDS", 1,
            "how many partition keys one page's connections are spread over (functions/STORAGE.md)");
    public static final FunctionSetting<Integer> FANOUT_CONCURRENCY = count("STOCKPULSE_FANOUT_CONCURRENCY", 64,
            "posts one fan-out invocation keeps in flight at once");
    public static final FunctionSetting<Duration> FANOUT_DEADLINE = duration("STOCKPULSE_FANOUT_DEADLINE",
            Duration.ofSeconds(5),
            "how long one fan-out invocation posts before it keeps its progress and returns; short, so other SKUs on "
                    + "the shard wait no longer than this; well below the function timeout");
    public static final FunctionSetting<Integer> POST_BUDGET = count("STOCKPULSE_POST_BUDGET", AWS_POST_BUDGET,
            "PostToConnection calls per second one fan-out invocation may spend: the account's quota (10,000/s, "
                    + "shared with every API Gateway call) divided by the fan-out invocations that can run at once");
    public static final FunctionSetting<Duration> HTTP_TIMEOUT = duration("STOCKPULSE_HTTP_TIMEOUT",
            Duration.ofSeconds(5), "how long an SDK call waits for a connection and for its answer");
    public static final FunctionSetting<String> ALLOWED_ORIGINS = text("STOCKPULSE_ALLOWED_ORIGINS", "",
            "the web origins whose pages may connect, comma-separated (* for any); unset, no page may: the stack "
                    + "sets its website's origin, the local runtime its own");
    public static final FunctionSetting<Integer> CLIENT_MESSAGES_PER_SECOND = count(
            "STOCKPULSE_CLIENT_MESSAGES_PER_SECOND", 10,
            "how many messages one socket may send per second on average (sync, ping, anything)");
    public static final FunctionSetting<Integer> CLIENT_MESSAGE_BURST = count("STOCKPULSE_CLIENT_MESSAGE_BURST", 20,
            "how many messages one socket may send at once after a quiet spell");
    /** Read by log4j, not by our code: the stack sets it on every function. */
    public static final FunctionSetting<String> LOG_CONFIGURATION = text("LOG4J_CONFIGURATION_FILE",
            "log4j2-lambda.xml", "the functions' JSON log configuration in the Lambda jar (src/main/resources)");

    private static final List<FunctionSetting<?>> ALL = List.of(REGION, DYNAMODB_ENDPOINT, MANAGEMENT_ENDPOINT,
            CONNECTION_TTL, PROCESSED_EVENT_TTL, CONNECTION_SHARDS, FANOUT_CONCURRENCY, FANOUT_DEADLINE, POST_BUDGET,
            HTTP_TIMEOUT, ALLOWED_ORIGINS, CLIENT_MESSAGES_PER_SECOND, CLIENT_MESSAGE_BURST, LOG_CONFIGURATION);

    private final String variable;
    private final T defaultValue;
    private final String allowed;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final String meaning;

    private FunctionSetting(String variable, T defaultValue, String allowed, Function<String, T> parser,
                            Function<T, String> formatter, String meaning) {
        this.variable = variable;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
        this.parser = parser;
        this.formatter = formatter;
        this.meaning = meaning;
    }

    /** Every setting, in the order declared. */
    public static List<FunctionSetting<?>> all() {
        return ALL;
    }

    /** The environment variable. */
    public String variable() {
        return variable;
    }

    /** The value where the variable is unset or blank; null for a setting without one. */
    public T defaultValue() {
        return defaultValue;
    }

    /** Whether the setting has a default; one without is either needed ({@link #MANAGEMENT_ENDPOINT}) or optional. */
    public boolean hasDefault() {
        return defaultValue != null;
    }

    /** What it means, for a reader of the code and of the docs. */
    public String meaning() {
        return meaning;
    }

    /**
     * The value of {@code text} (trimmed, not blank).
     *
     * @throws IllegalArgumentException naming the variable, what it allows and what it got
     */
    public T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(variable + " must be " + allowed + ", got '" + text + "'", e);
        }
    }

    /** {@code value} as the environment carries it, so that {@link #parse} gives it back. */
    public String format(T value) {
        return formatter.apply(Objects.requireNonNull(value, variable));
    }

    @Override
    public String toString() {
        return variable;
    }

    private static FunctionSetting<String> text(String variable, String defaultValue, String meaning) {
        return new FunctionSetting<>(variable, defaultValue, "text", Function.identity(), Function.identity(), meaning);
    }

    private static FunctionSetting<URI> uri(String variable, String meaning) {
        return new FunctionSetting<>(variable, null, "an absolute URI", FunctionSetting::absoluteUri, URI::toString,
                meaning);
    }

    private static FunctionSetting<Integer> count(String variable, int defaultValue, String meaning) {
        return new FunctionSetting<>(variable, defaultValue, "a whole number of at least 1", FunctionSetting::atLeastOne,
                String::valueOf, meaning);
    }

    /** ISO-8601 durations ({@code PT20S}) or plain seconds ({@code 20}). */
    private static FunctionSetting<Duration> duration(String variable, Duration defaultValue, String meaning) {
        return new FunctionSetting<>(variable, defaultValue, "seconds or an ISO-8601 duration",
                FunctionSetting::positiveDuration, Duration::toString, meaning);
    }

    private static URI absoluteUri(String text) {
        URI uri = URI.create(text);
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("not absolute");
        }
        return uri;
    }

    private static Integer atLeastOne(String text) {
        int value = Integer.parseInt(text);
        if (value < 1) {
            throw new IllegalArgumentException("below 1");
        }
        return value;
    }

    private static Duration positiveDuration(String text) {
        Duration value = text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text))
                : Duration.parse(text);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("not positive");
        }
        return value;
    }
}
