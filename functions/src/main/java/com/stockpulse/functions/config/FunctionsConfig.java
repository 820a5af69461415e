package com.stockpulse.functions.config;

import com.stockpulse.model.AllowedOrigins;
import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.TableSchema;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the functions, read once. The only class here that reads environment variables; the embedded
 * runtime and the tests pass their settings as a map ({@link #of}). What each setting is, its default and the values
 * it allows are declared once, in {@link FunctionSetting} (the tables' names in {@link TableSchema}).
 */
public final class FunctionsConfig {

    private final Map<String, String> values;

    private FunctionsConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The Lambda environment. */
    public static FunctionsConfig fromEnvironment() {
        return new FunctionsConfig(System.getenv());
    }

    /** Settings from an explicit map of variables (tests, the embedded runtime); defaults fill the rest. */
    public static FunctionsConfig of(Map<String, String> values) {
        return new FunctionsConfig(values);
    }

    /** These settings with one more, or one replaced: for a runtime that learns a value only as it starts. */
    public <T> FunctionsConfig with(FunctionSetting<T> setting, T value) {
        return withVariable(setting.variable(), setting.format(value));
    }

    /** These settings with one variable more, or replaced, as its text: a table's name, a value to be refused. */
    public FunctionsConfig withVariable(String variable, String value) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put(variable, value);
        return new FunctionsConfig(changed);
    }

    /**
     * The setting's value, else its default.
     *
     * @throws IllegalStateException when it is set to a value it does not allow, or unset without a default
     */
    public <T> T get(FunctionSetting<T> setting) {
        return find(setting).orElseThrow(() -> new IllegalStateException(setting.variable() + " is not set: "
                + setting.meaning()));
    }

    /** The setting's value, else its default, else empty. */
    public <T> Optional<T> find(FunctionSetting<T> setting) {
        Optional<String> text = text(setting.variable());
        if (text.isEmpty()) {
            return Optional.ofNullable(setting.defaultValue());
        }
        try {
            return Optional.of(setting.parse(text.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public String region() {
        return get(FunctionSetting.REGION);
    }

    public Optional<URI> dynamoDbEndpoint() {
        return find(FunctionSetting.DYNAMODB_ENDPOINT);
    }

    /** The {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}} endpoint for PostToConnection. */
    public URI managementEndpoint() {
        return get(FunctionSetting.MANAGEMENT_ENDPOINT);
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
        return get(FunctionSetting.CONNECTION_TTL);
    }

    public Duration processedEventTtl() {
        return get(FunctionSetting.PROCESSED_EVENT_TTL);
    }

    public int connectionShards() {
        return get(FunctionSetting.CONNECTION_SHARDS);
    }

    public int fanOutConcurrency() {
        return get(FunctionSetting.FANOUT_CONCURRENCY);
    }

    /** How long one fan-out invocation posts before it keeps its progress and returns (see StockFanOut). */
    public Duration fanOutDeadline() {
        return get(FunctionSetting.FANOUT_DEADLINE);
    }

    public int postBudget() {
        return get(FunctionSetting.POST_BUDGET);
    }

    public AllowedOrigins allowedOrigins() {
        try {
            return AllowedOrigins.parse(get(FunctionSetting.ALLOWED_ORIGINS));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(FunctionSetting.ALLOWED_ORIGINS + ": " + e.getMessage(), e);
        }
    }

    public int clientMessagesPerSecond() {
        return get(FunctionSetting.CLIENT_MESSAGES_PER_SECOND);
    }

    public int clientMessageBurst() {
        return get(FunctionSetting.CLIENT_MESSAGE_BURST);
    }

    public Duration httpTimeout() {
        return get(FunctionSetting.HTTP_TIMEOUT);
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
}
