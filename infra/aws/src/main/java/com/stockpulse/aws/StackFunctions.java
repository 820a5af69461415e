package com.stockpulse.aws;

import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.MetricName;
import com.stockpulse.model.TableSchema;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.constructs.Construct;

/**
 * The five functions: Java 21 on arm64 with SnapStart on published versions, each invoked through a {@code live}
 * alias, with the settings its code reads (declared in {@link FunctionSetting}) and exactly the access
 * {@link FunctionAccess} declares.
 */
final class StackFunctions {

    /**
     * The fan-out's share of the account's 10,000 PostToConnection/s; the rest is for sync answers and others.
     */
    static final int FANOUT_POSTS_PER_SECOND = FunctionSetting.AWS_POST_BUDGET;
    /** Fan-out invocations that may run at once (reserved concurrency); each gets an equal share of the posts. */
    static final int FANOUT_CONCURRENCY = 2;
    private static final String HANDLERS = "com.stockpulse.functions.handler.";

    /**
     * Memory is CPU on Lambda. Connect, disconnect and message make one or two DynamoDB calls: 512 MB. The consumer
     * runs a transaction per record in shard order: 1,024 MB. The fan-out signs and sends a post per viewer (the
     * SDK's per-request work was 39% of CPU in the load tests): 1,769 MB, one full vCPU, and a reserved concurrency
     * that divides the post budget between its invocations (the stock stream has few shards; beyond the cap,
     * invocations wait their turn).
     *
     * @param reservedConcurrency null: the account's unreserved pool
     */
    private record Sizing(String handler, int memoryMb, int timeoutSeconds, Integer reservedConcurrency) {
    }

    private static Sizing sizing(FunctionAccess function) {
        return switch (function) {
            case CONNECT -> new Sizing("ConnectHandler", 512, 10, null);
            case DISCONNECT -> new Sizing("DisconnectHandler", 512, 10, null);
            case MESSAGE -> new Sizing("MessageHandler", 512, 10, null);
            case SALE_EVENT_CONSUMER -> new Sizing("SaleEventConsumer", 1024, 60, null);
            case STOCK_FAN_OUT -> new Sizing("StockFanOutHandler", 1769, 60, FANOUT_CONCURRENCY);
        };
    }

    private StackFunctions() {
    }

    /**
     * Every function in {@link FunctionAccess} order, granted what it declares on the tables it touches and the
     * {@code @connections} API only on this stage. {@code allowedOrigins}: the pages $connect admits.
     */
    static Map<FunctionAccess, Alias> create(Construct scope, Code code, Map<TableSchema, Table> tables,
                                            WebSocketStage stage, String allowedOrigins) {
        Map<String, String> environment = new LinkedHashMap<>();
        tables.forEach((schema, table) -> environment.put(schema.variable(), table.getTableName()));
        // A token CloudFormation resolves at deploy time, so the text goes in as it is.
        environment.put(FunctionSetting.MANAGEMENT_ENDPOINT.variable(), stage.getCallbackUrl());
        environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        Map<FunctionAccess, Alias> functions = new EnumMap<>(FunctionAccess.class);
        for (FunctionAccess access : FunctionAccess.values()) {
            Map<String, String> own = new LinkedHashMap<>(environment);
            switch (access) {
                case CONNECT -> set(own, FunctionSetting.ALLOWED_ORIGINS, allowedOrigins);
                case STOCK_FAN_OUT -> set(own, FunctionSetting.POST_BUDGET, FANOUT_POSTS_PER_SECOND / FANOUT_CONCURRENCY);
                default -> { }
            }
            Alias alias = function(scope, access, code, withTelemetry(own, access.functionId()));
            access.dynamoDbActions().forEach((table, actions) -> tables.get(table).grant(alias,
                    actions.stream().sorted().map(action -> "dynamodb:" + action).toArray(String[]::new)));
            if (access.managesConnections()) {
                stage.grantManagementApiAccess(alias);
            }
            functions.put(access, alias);
        }
        return functions;
    }

    /**
     * Powertools writes each function's figures to the StockPulse namespace, dimension Service = the function, and
     * log4j writes its lines as JSON naming the same service.
     */
    private static Map<String, String> withTelemetry(Map<String, String> environment, String functionId) {
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.put("POWERTOOLS_METRICS_NAMESPACE", MetricName.NAMESPACE);
        all.put("POWERTOOLS_SERVICE_NAME", functionId);
        set(all, FunctionSetting.LOG_CONFIGURATION, FunctionSetting.LOG_CONFIGURATION.defaultValue());
        return all;
    }

    private static <T> void set(Map<String, String> environment, FunctionSetting<T> setting, T value) {
        environment.put(setting.variable(), setting.format(value));
    }

    private static Alias function(Construct scope, FunctionAccess access, Code code, Map<String, String> environment) {
        Sizing sizing = sizing(access);
        Function function = Function.Builder.create(scope, access.functionId())
                .reservedConcurrentExecutions(sizing.reservedConcurrency())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(HANDLERS + sizing.handler() + "::handleRequest")
                .code(code)
                .memorySize(sizing.memoryMb())
                .timeout(Duration.seconds(sizing.timeoutSeconds()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .build();
        return Alias.Builder.create(scope, access.functionId() + "Alias").aliasName("live")
                .version(function.getCurrentVersion()).build();
    }
}
