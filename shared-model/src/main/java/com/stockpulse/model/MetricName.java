package com.stockpulse.model;

/**
 * StockPulse's own figures, named once: the logic records them, EMF carries them to CloudWatch (namespace
 * {@link #NAMESPACE}, one dimension {@link #SERVICE_DIMENSION} = the function), the stack's dashboard and alarms read them,
 * and the local runtime counts them for the ops console.
 */
public enum MetricName {
    CONNECTS("Connects", Unit.COUNT),
    CONNECTS_REFUSED_ORIGIN("ConnectsRefusedOrigin", Unit.COUNT),
    CONNECTS_REFUSED_PAGE("ConnectsRefusedPage", Unit.COUNT),
    DISCONNECTS("Disconnects", Unit.COUNT),
    SYNCS("Syncs", Unit.COUNT),
    MESSAGES_REFUSED_INVALID("MessagesRefusedInvalid", Unit.COUNT),
    MESSAGES_RATE_LIMITED("MessagesRateLimited", Unit.COUNT),
    SOCKETS_CLOSED_ABUSIVE("SocketsClosedAbusive", Unit.COUNT),
    SALES_APPLIED("SalesApplied", Unit.COUNT),
    SALES_REFUSED_OVERSELL("SalesRefusedOversell", Unit.COUNT),
    SALES_REFUSED_UNKNOWN_SKU("SalesRefusedUnknownSku", Unit.COUNT),
    SALES_DUPLICATE("SalesDuplicate", Unit.COUNT),
    SALES_MALFORMED("SalesMalformed", Unit.COUNT),
    SALE_BATCH_FAILURES("SaleBatchFailures", Unit.COUNT),
    POSTS_DELIVERED("PostsDelivered", Unit.COUNT),
    POSTS_GONE("PostsGone", Unit.COUNT),
    /** A post tried again: 429, 5xx, or 410 from a socket still connecting. */
    POSTS_RETRIED("PostsRetried", Unit.COUNT),
    VIEWERS_SKIPPED_SLOW("ViewersSkippedSlow", Unit.COUNT),
    VERSIONS_CONFLATED("VersionsConflated", Unit.COUNT),
    /** At the end of each fan-out: the posts of the second before, in percent of the container's budget. */
    POST_BUDGET_USED("PostBudgetUsed", Unit.PERCENT),
    /** Per fan-out invocation: from the oldest broadcast value's {@code updatedAt} to the end of its broadcast. */
    FANOUT_LAG("FanOutLag", Unit.MILLISECONDS);

    public static final String NAMESPACE = "StockPulse";
    /** The one dimension: Powertools names it after {@code POWERTOOLS_SERVICE_NAME}, which the stack sets per function. */
    public static final String SERVICE_DIMENSION = "Service";

    /** The CloudWatch units used here. */
    public enum Unit {
        COUNT(""), PERCENT("%"), MILLISECONDS("ms");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        /** As a reader writes it after a value: "%", "ms"; empty for a count. */
        public String symbol() {
            return symbol;
        }
    }

    private final String metricName;
    private final Unit unit;

    MetricName(String metricName, Unit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    /** The name in CloudWatch. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** Counts add up over time; the others are samples (the local runtime keeps the last and the highest). */
    public boolean isCount() {
        return unit == Unit.COUNT;
    }
}
