package com.stockpulse.model;

/**
 * DynamoDB table and attribute names shared by the functions, the local runtime and the CDK stack.
 * The key schema is described in functions/STORAGE.md.
 */
public final class Tables {

    public static final String DEFAULT_STOCK_TABLE = "stockpulse-stock";
    public static final String DEFAULT_CONNECTIONS_TABLE = "stockpulse-connections";
    public static final String DEFAULT_CATALOG_TABLE = "stockpulse-catalog";
    public static final String DEFAULT_PROCESSED_EVENTS_TABLE = "stockpulse-processed-events";
    /** The Kinesis stream of sale events, partition key = sku. */
    public static final String DEFAULT_SALE_EVENTS_STREAM = "sale-events";

    /** Stock table: partition key {@code sku}. */
    public static final class Stock {
        public static final String SKU = "sku";
        public static final String AVAILABLE = "available";
        public static final String VERSION = "version";
        public static final String UPDATED_AT = "updatedAt";
        public static final String LAST_EVENT_ID = "lastEventId";
        /**
         * Where the fan-out's broadcast of this SKU stands, written by the fan-out only (see functions/STORAGE.md):
         * the version it sends, the ring of viewers still owed it ({@code from} up to {@code until}), the viewers it
         * started but did not finish, and a counter that makes each write conditional on the one before.
         */
        public static final String BROADCAST_VERSION = "broadcastVersion";
        public static final String BROADCAST_FROM = "broadcastFrom";
        public static final String BROADCAST_UNTIL = "broadcastUntil";
        public static final String BROADCAST_OWED = "broadcastOwed";
        public static final String BROADCAST_SEQ = "broadcastSeq";

        private Stock() {
        }
    }

    /** Connections table: generic {@code pk}/{@code sk} keys holding page rows and connection rows. */
    public static final class Connections {
        public static final String PK = "pk";
        public static final String SK = "sk";
        public static final String PAGE = "page";
        public static final String CONNECTION_ID = "connectionId";
        public static final String CONNECTED_AT = "connectedAt";
        public static final String TTL = "ttl";

        private Connections() {
        }
    }

    /** Catalog table: partition key {@code sku}, sort key {@code page}; GSI {@code byPage} the other way round. */
    public static final class Catalog {
        public static final String SKU = "sku";
        public static final String PAGE = "page";
        public static final String BY_PAGE_INDEX = "byPage";

        private Catalog() {
        }
    }

    /** Processed events (dedupe) table: partition key {@code eventId}, expiring by {@code ttl}. */
    public static final class ProcessedEvents {
        public static final String EVENT_ID = "eventId";
        public static final String SKU = "sku";
        public static final String OUTCOME = "outcome";
        /** On rejected events: INSUFFICIENT_STOCK, UNKNOWN_SKU or MALFORMED, and the units available then. */
        public static final String REASON = "reason";
        public static final String AVAILABLE = "available";
        public static final String PROCESSED_AT = "processedAt";
        /**
         * The stock row's version once this event was decided: on applied events the first version that includes
         * it (several events of one batch share it), on rejected ones the version they were refused against.
         */
        public static final String VERSION = "version";
        public static final String TTL = "ttl";
        /** On records refused as MALFORMED: what is wrong with them, and their first bytes as received. */
        public static final String PROBLEM = "problem";
        public static final String DATA = "data";

        private ProcessedEvents() {
        }
    }

    private Tables() {
    }
}
