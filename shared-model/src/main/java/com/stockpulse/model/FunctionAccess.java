package com.stockpulse.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What each function's code calls, declared once: the DynamoDB actions (as IAM names them) on each table, and whether
 * it calls the WebSocket API's @connections (post, delete). The stack grants exactly this, SnapStart priming calls
 * only what is listed here, and {@code FunctionAccessIT} runs every path of each function against DynamoDB Local and
 * fails when the code calls anything else, or never calls something listed.
 */
public enum FunctionAccess {

    CONNECT("Connect", TableSchema.CONNECTIONS, Sockets.NONE, Map.of(
            TableSchema.CONNECTIONS, Set.of("BatchWriteItem", "DescribeTable"))),
    DISCONNECT("Disconnect", TableSchema.CONNECTIONS, Sockets.NONE, Map.of(
            TableSchema.CONNECTIONS, Set.of("Query", "DeleteItem", "DescribeTable"))),
    MESSAGE("Message", TableSchema.CONNECTIONS, Sockets.POSTS_AND_CLOSES, Map.of(
            TableSchema.CONNECTIONS, Set.of("Query", "DeleteItem", "DescribeTable"),
            TableSchema.CATALOG, Set.of("Query"),
            TableSchema.STOCK, Set.of("BatchGetItem"))),
    SALE_EVENT_CONSUMER("SaleEventConsumer", TableSchema.STOCK, Sockets.NONE, Map.of(
            TableSchema.STOCK, Set.of("GetItem", "UpdateItem", "ConditionCheckItem", "DescribeTable"),
            TableSchema.PROCESSED_EVENTS, Set.of("PutItem"))),
    STOCK_FAN_OUT("StockFanOut", TableSchema.CONNECTIONS, Sockets.POSTS_AND_CLOSES, Map.of(
            TableSchema.CONNECTIONS, Set.of("Query", "DeleteItem", "DescribeTable"),
            TableSchema.CATALOG, Set.of("Query"),
            // BatchGetItem: the rows of a batch's SKUs and their broadcast progress; UpdateItem: the progress of a
            // broadcast it could not finish, kept on the row; GetItem: a long broadcast's newer value.
            TableSchema.STOCK, Set.of("BatchGetItem", "GetItem", "UpdateItem")));

    /** What a function does with viewers' sockets through the WebSocket API's @connections. */
    public enum Sockets { NONE, POSTS_AND_CLOSES }

    private final String functionId;
    private final TableSchema primedTable;
    private final Sockets sockets;
    private final Map<TableSchema, Set<String>> dynamoDbActions;

    FunctionAccess(String functionId, TableSchema primedTable, Sockets sockets, Map<TableSchema, Set<String>> dynamoDbActions) {
        this.functionId = functionId;
        this.primedTable = primedTable;
        this.sockets = sockets;
        this.dynamoDbActions = new EnumMap<>(dynamoDbActions);
    }

    /** The function's construct id in the stack (its role is {@code {id}ServiceRole}). */
    public String functionId() {
        return functionId;
    }

    /** The table SnapStart priming describes (a read that changes nothing) to warm the DynamoDB client. */
    public TableSchema primedTable() {
        return primedTable;
    }

    /** Whether it posts to sockets or closes them: {@code execute-api:ManageConnections} on the stage. */
    public boolean managesConnections() {
        return sockets == Sockets.POSTS_AND_CLOSES;
    }

    /** Per table, the DynamoDB actions without the {@code dynamodb:} prefix. */
    public Map<TableSchema, Set<String>> dynamoDbActions() {
        return dynamoDbActions;
    }
}
