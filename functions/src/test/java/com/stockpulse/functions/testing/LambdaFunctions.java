package com.stockpulse.functions.testing;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.MetricName;
import com.stockpulse.model.TableSchema;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The five functions as the stack deploys them (StackFunctions): each one's handler, the variables it is given, and
 * an event of the kind it is invoked with (src/test/resources/events), for tests and benchmarks that run the jar.
 */
public final class LambdaFunctions {

    /** The origin the connect function admits besides clients without one. */
    public static final String ALLOWED_ORIGIN = "https://shop.example";

    private LambdaFunctions() {
    }

    public static String handler(FunctionAccess function) {
        String name = switch (function) {
            case CONNECT -> "ConnectHandler";
            case DISCONNECT -> "DisconnectHandler";
            case MESSAGE -> "MessageHandler";
            case SALE_EVENT_CONSUMER -> "SaleEventConsumer";
            case STOCK_FAN_OUT -> "StockFanOutHandler";
        };
        return "com.stockpulse.functions.handler." + name + "::handleRequest";
    }

    /** The ARN Lambda names as the invoked function ({@code Lambda-Runtime-Invoked-Function-Arn}): its alias. */
    public static String arn(FunctionAccess function) {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + function.functionId() + ":live";
    }

    /** An event of the kind AWS invokes {@code function} with. */
    public static byte[] sampleEvent(FunctionAccess function) {
        return Fixtures.json(switch (function) {
            case CONNECT -> "ws-connect.json";
            case DISCONNECT -> "ws-disconnect.json";
            case MESSAGE -> "ws-message-sync.json";
            case SALE_EVENT_CONSUMER -> "kinesis-sales.json";
            case STOCK_FAN_OUT -> "dynamodb-stock-changes.json";
        });
    }

    /** The variables the stack sets on {@code function}, pointed at local stand-ins of DynamoDB and @connections. */
    public static Map<String, String> environment(FunctionAccess function, FunctionsConfig tables, URI dynamoDb,
                                                  URI managementApi) {
        Map<String, String> env = new LinkedHashMap<>();
        for (TableSchema table : TableSchema.values()) {
            env.put(table.variable(), tables.tableName(table));
        }
        env.put(FunctionSetting.MANAGEMENT_ENDPOINT.variable(), managementApi.toString());
        env.put(FunctionSetting.DYNAMODB_ENDPOINT.variable(), dynamoDb.toString());
        env.put(FunctionSetting.ALLOWED_ORIGINS.variable(), ALLOWED_ORIGIN);
        env.put("POWERTOOLS_METRICS_NAMESPACE", MetricName.NAMESPACE);
        env.put("POWERTOOLS_SERVICE_NAME", function.functionId());
        env.put(FunctionSetting.LOG_CONFIGURATION.variable(), FunctionSetting.LOG_CONFIGURATION.defaultValue());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionId());
        // DynamoDB Local keeps one database per access key and region: the one the tests' own clients use.
        env.put("AWS_ACCESS_KEY_ID", LocalDynamoDb.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalDynamoDb.ACCESS_KEY);
        return env;
    }
}
