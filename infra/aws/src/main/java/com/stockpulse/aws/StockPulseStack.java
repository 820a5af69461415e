package com.stockpulse.aws;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.model.AllowedOrigins;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.MetricName;
import com.stockpulse.model.StreamMapping;
import com.stockpulse.model.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.codedeploy.AutoRollbackConfig;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaApplication;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentGroup;
import software.amazon.awscdk.services.codedeploy.TimeBasedCanaryTrafficRouting;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Everything StockPulse needs in an AWS account: the WebSocket API, four tables, the sale-events stream, five
 * functions on SnapStart, the two event source mappings (settings shared with the local runtime), alarms and a
 * dashboard, and the web demo on S3 and CloudFront.
 */
public final class StockPulseStack extends Stack {

    /** Where the build puts things and how the stage is throttled; tests pass their own. */
    public record Settings(Path functionsJar, Path webDemo, String stageName, double stageRate, int stageBurst) {
        public static Settings defaults() {
            Path root = findRoot();
            return new Settings(root.resolve("functions/target/functions-0.1.0-SNAPSHOT-lambda.jar"),
                    root.resolve("web-demo"), "live", 2_000, 1_000);
        }

        private static Path findRoot() {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("functions")) && Files.isDirectory(dir.resolve("web-demo"))) {
                    return dir;
                }
            }
            throw new IllegalStateException("run from inside the StockPulse checkout");
        }
    }

    /**
     * The fan-out's share of the account's 10,000 PostToConnection/s; the rest is for sync answers and others.
     * FunctionsConfig is used for compile-time constants only (inlined): functions is a provided dependency.
     */
    static final int FANOUT_POSTS_PER_SECOND = FunctionsConfig.DEFAULT_POST_BUDGET;
    /** Fan-out invocations that may run at once (reserved concurrency); each gets an equal share of the posts. */
    static final int FANOUT_CONCURRENCY = 2;
    private static final String HANDLERS = "com.stockpulse.functions.handler.";

    public StockPulseStack(Construct scope, String id, StackProps props, Settings settings) {
        super(scope, id, props);
        if (!Files.isRegularFile(settings.functionsJar())) {
            throw new IllegalStateException(settings.functionsJar() + " is missing: build it first "
                    + "(./mvnw -pl functions -am package -DskipTests)");
        }

        // Tables: the key schema of functions/STORAGE.md.
        Table stock = Table.Builder.create(this, "StockTable")
                .partitionKey(Attribute.builder().name(Tables.Stock.SKU).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Table connections = Table.Builder.create(this, "ConnectionsTable")
                .partitionKey(Attribute.builder().name(Tables.Connections.PK).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(Tables.Connections.SK).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(Tables.Connections.TTL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Table catalog = Table.Builder.create(this, "CatalogTable")
                .partitionKey(Attribute.builder().name(Tables.Catalog.SKU).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(Tables.Catalog.PAGE).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        catalog.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(Tables.Catalog.BY_PAGE_INDEX)
                .partitionKey(Attribute.builder().name(Tables.Catalog.PAGE).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(Tables.Catalog.SKU).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.KEYS_ONLY)
                .build());
        Table processed = Table.Builder.create(this, "ProcessedEventsTable")
                .partitionKey(Attribute.builder().name(Tables.ProcessedEvents.EVENT_ID).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(Tables.ProcessedEvents.TTL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        Stream sales = Stream.Builder.create(this, "SaleEvents")
                .streamMode(StreamMode.ON_DEMAND)
                .encryption(StreamEncryption.MANAGED)
                .retentionPeriod(Duration.hours(24))
                .build();

        WebSocketApi api = WebSocketApi.Builder.create(this, "WebSocketApi")
                .apiName("stockpulse")
                .routeSelectionExpression("$request.body.action")
                .build();
        WebSocketStage stage = WebSocketStage.Builder.create(this, "Stage")
                .webSocketApi(api)
                .stageName(settings.stageName())
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(settings.stageRate()).burstLimit(settings.stageBurst()).build())
                .build();

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("STOCKPULSE_STOCK_TABLE", stock.getTableName());
        environment.put("STOCKPULSE_CONNECTIONS_TABLE", connections.getTableName());
        environment.put("STOCKPULSE_CATALOG_TABLE", catalog.getTableName());
        environment.put("STOCKPULSE_PROCESSED_EVENTS_TABLE", processed.getTableName());
        environment.put("STOCKPULSE_MANAGEMENT_ENDPOINT", stage.getCallbackUrl());
        environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

        // The web demo: private bucket behind CloudFront, page paths rewritten to their HTML file,
        // and config.json written with this stack's WebSocket URL.
        Bucket web = Bucket.Builder.create(this, "WebBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(true)
                .build();
        software.amazon.awscdk.services.cloudfront.Function pages = software.amazon.awscdk.services.cloudfront.Function
                .Builder.create(this, "PageRoutes")
                .code(FunctionCode.fromInline("""
                        function handler(event) {
                          var uri = event.request.uri;
                          if (uri.indexOf('/products/') === 0) event.request.uri = '/product.html';
                          else if (uri.indexOf('/collections/') === 0) event.request.uri = '/collection.html';
                          else if (uri === '/ops' || uri === '/ops/') event.request.uri = '/ops.html';
                          return event.request;
                        }"""))
                .build();
        Distribution distribution = Distribution.Builder.create(this, "WebDistribution")
                .defaultRootObject("index.html")
                .defaultBehavior(software.amazon.awscdk.services.cloudfront.BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(web))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .functionAssociations(List.of(FunctionAssociation.builder()
                                .function(pages).eventType(FunctionEventType.VIEWER_REQUEST).build()))
                        .build())
                .build();
        BucketDeployment.Builder.create(this, "WebDeployment")
                .destinationBucket(web)
                .distribution(distribution)
                .sources(List.of(Source.asset(settings.webDemo().toString()),
                        Source.jsonData("config.json", Map.of("webSocketUrl", stage.getUrl(), "stage", settings.stageName()))))
                .build();

        Code code = Code.fromAsset(settings.functionsJar().toString());
        // Memory is CPU on Lambda. Connect, disconnect and message make one or two DynamoDB calls: 512 MB.
        // The consumer runs a transaction per record in shard order: 1,024 MB. The fan-out signs and sends a post per
        // viewer (the SDK's per-request work was 39% of CPU in the load tests): 1,769 MB, one full vCPU.
        // $connect admits pages of the demo site and of the shop's own origins (cdk deploy -c allowedOrigins=…).
        Map<String, String> connectEnvironment = new LinkedHashMap<>(environment);
        connectEnvironment.put(FunctionsConfig.ALLOWED_ORIGINS, allowedOrigins(distribution));
        Alias connect = function(FunctionAccess.CONNECT.functionId(), "ConnectHandler", 512, 10, code, connectEnvironment);
        Alias disconnect = function(FunctionAccess.DISCONNECT.functionId(), "DisconnectHandler", 512, 10, code, environment);
        Alias message = function(FunctionAccess.MESSAGE.functionId(), "MessageHandler", 512, 10, code, environment);
        Alias consumer = function(FunctionAccess.SALE_EVENT_CONSUMER.functionId(), "SaleEventConsumer", 1024, 60, code, environment);
        // The fan-out spends a share of the account's PostToConnection quota (10,000/s, shared with every API Gateway
        // call of the account): each invocation gets the share divided by how many can run at once, which reserved
        // concurrency caps. The stock table's stream has few shards; beyond the cap, invocations wait their turn.
        Map<String, String> fanOutEnvironment = new LinkedHashMap<>(environment);
        fanOutEnvironment.put(FunctionsConfig.POST_BUDGET, Integer.toString(FANOUT_POSTS_PER_SECOND / FANOUT_CONCURRENCY));
        Alias fanOut = function(FunctionAccess.STOCK_FAN_OUT.functionId(), "StockFanOutHandler", 1769, 60, code, fanOutEnvironment,
                FANOUT_CONCURRENCY);

        api.addRoute("$connect", WebSocketRouteOptions.builder().integration(new WebSocketLambdaIntegration("ConnectIntegration", connect)).build());
        api.addRoute("$disconnect", WebSocketRouteOptions.builder().integration(new WebSocketLambdaIntegration("DisconnectIntegration", disconnect)).build());
        api.addRoute("$default", WebSocketRouteOptions.builder().integration(new WebSocketLambdaIntegration("DefaultIntegration", message)).build());
        api.addRoute("sync", WebSocketRouteOptions.builder().integration(new WebSocketLambdaIntegration("SyncIntegration", message)).build());

        // Least privilege: each function gets what FunctionAccess declares its code calls (FunctionAccessIT checks the
        // code against the same list), on the tables it touches; @connections only on this stage.
        // In enum order, so the template is the same on every synth.
        Map<FunctionAccess.Table, Table> tables = new EnumMap<>(Map.of(FunctionAccess.Table.STOCK, stock,
                FunctionAccess.Table.CONNECTIONS, connections, FunctionAccess.Table.CATALOG, catalog,
                FunctionAccess.Table.PROCESSED_EVENTS, processed));
        Map<FunctionAccess, Alias> functions = new EnumMap<>(Map.of(FunctionAccess.CONNECT, connect,
                FunctionAccess.DISCONNECT, disconnect, FunctionAccess.MESSAGE, message,
                FunctionAccess.SALE_EVENT_CONSUMER, consumer, FunctionAccess.STOCK_FAN_OUT, fanOut));
        functions.forEach((access, function) -> {
            access.dynamoDbActions().forEach((table, actions) -> tables.get(table).grant(function,
                    actions.stream().sorted().map(action -> "dynamodb:" + action).toArray(String[]::new)));
            if (access.managesConnections()) {
                stage.grantManagementApiAccess(function);
            }
        });

        Queue saleFailures = failureQueue("SaleEventsOnFailure");
        Queue stockFailures = failureQueue("StockChangesOnFailure");
        StreamMapping saleMapping = StreamMapping.SALE_EVENTS;
        consumer.addEventSource(KinesisEventSource.Builder.create(sales)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(saleMapping.batchSize())
                .maxBatchingWindow(Duration.seconds(saleMapping.batchingWindow().toSeconds()))
                .bisectBatchOnError(saleMapping.bisectOnError())
                .retryAttempts(saleMapping.maxRetryAttempts())
                .maxRecordAge(Duration.seconds(saleMapping.maxRecordAge().toSeconds()))
                .reportBatchItemFailures(saleMapping.reportBatchItemFailures())
                .onFailure(new SqsDlq(saleFailures))
                .build());
        StreamMapping stockMapping = StreamMapping.STOCK_CHANGES;
        fanOut.addEventSource(DynamoEventSource.Builder.create(stock)
                .startingPosition(StartingPosition.LATEST)
                .batchSize(stockMapping.batchSize())
                .maxBatchingWindow(Duration.seconds(stockMapping.batchingWindow().toSeconds()))
                .bisectBatchOnError(stockMapping.bisectOnError())
                .retryAttempts(stockMapping.maxRetryAttempts())
                .maxRecordAge(Duration.seconds(stockMapping.maxRecordAge().toSeconds()))
                .reportBatchItemFailures(stockMapping.reportBatchItemFailures())
                .onFailure(new SqsDlq(stockFailures))
                .build());

        // Alarms and a dashboard.
        List<Alias> all = List.of(connect, disconnect, message, consumer, fanOut);
        Alarm saleLag = alarm("SaleEventsIteratorAge", iteratorAge(consumer), 60_000, "sale events wait more than a minute");
        Alarm fanOutLag = alarm("StockChangesIteratorAge", iteratorAge(fanOut), 10_000,
                "stock changes wait more than 10 s to be broadcast");
        // Our own figures: a broadcast that ends more than 5 s after its value was written, and a fan-out that spends
        // its whole post budget (viewers x changes beyond what the account may post) for 5 minutes on end.
        Alarm broadcastLag = alarm("FanOutLag", ours(MetricName.FANOUT_LAG, FunctionAccess.STOCK_FAN_OUT.functionId(), "Maximum"), 5_000,
                "a broadcast ends more than 5 s after its stock change");
        Alarm.Builder.create(this, "PostBudgetHitAlarm")
                .metric(ours(MetricName.POST_BUDGET_USED, FunctionAccess.STOCK_FAN_OUT.functionId(), "Average")).threshold(95).evaluationPeriods(5)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription("StockPulse: the fan-out spends its whole post budget for 5 minutes: viewers get "
                        + "conflated values; raise the budget (account quota) or expect slower updates").build();
        alarm("SaleEventsOnFailureDepth", saleFailures.metricApproximateNumberOfMessagesVisible(), 1, "sale events were discarded");
        alarm("StockChangesOnFailureDepth", stockFailures.metricApproximateNumberOfMessagesVisible(), 1, "stock changes were discarded");
        // Safe deploys: CodeDeploy shifts each function's live alias to a new version (canary by default) and rolls
        // it back when the function's errors alarm (and for the two stream functions their lag alarm) fires.
        ILambdaDeploymentConfig deployment = deploymentConfig();
        LambdaApplication releases = LambdaApplication.Builder.create(this, "Releases").build();
        for (Alias alias : all) {
            String name = alias.getNode().getId().replace("Alias", "");
            List<IAlarm> rollbackOn = new java.util.ArrayList<>();
            rollbackOn.add(alarm(name + "Errors", alias.metricErrors(), 5, name + " fails"));
            alarm(name + "Throttles", alias.metricThrottles(), 1, name + " is throttled");
            if (alias == consumer) {
                rollbackOn.add(saleLag);
            } else if (alias == fanOut) {
                rollbackOn.add(fanOutLag);
                rollbackOn.add(broadcastLag);
            }
            LambdaDeploymentGroup.Builder.create(this, name + "Deployment")
                    .application(releases)
                    .alias(alias)
                    .deploymentConfig(deployment)
                    .alarms(rollbackOn)
                    .autoRollback(AutoRollbackConfig.builder()
                            .failedDeployment(true).stoppedDeployment(true).deploymentInAlarm(true).build())
                    .build();
        }
        Dashboard.Builder.create(this, "Dashboard").dashboardName("StockPulse").widgets(List.of(List.of(
                GraphWidget.Builder.create().title("Iterator age (ms)").left(List.of(iteratorAge(consumer), iteratorAge(fanOut))).build(),
                GraphWidget.Builder.create().title("Errors").left(all.stream().map(a -> (IMetric) a.metricErrors()).toList()).build(),
                GraphWidget.Builder.create().title("On-failure queues").left(List.of(
                        saleFailures.metricApproximateNumberOfMessagesVisible(),
                        stockFailures.metricApproximateNumberOfMessagesVisible())).build()), List.of(
                GraphWidget.Builder.create().title("Sales per minute").left(ours(FunctionAccess.SALE_EVENT_CONSUMER.functionId(), "Sum",
                        MetricName.SALES_APPLIED, MetricName.SALES_REFUSED_OVERSELL, MetricName.SALES_REFUSED_UNKNOWN_SKU,
                        MetricName.SALES_DUPLICATE, MetricName.SALES_MALFORMED, MetricName.SALE_BATCH_FAILURES)).build(),
                GraphWidget.Builder.create().title("Posts per minute").left(ours(FunctionAccess.STOCK_FAN_OUT.functionId(), "Sum",
                        MetricName.POSTS_DELIVERED, MetricName.POSTS_GONE, MetricName.POSTS_RETRIED, MetricName.VIEWERS_SKIPPED_SLOW,
                        MetricName.VERSIONS_CONFLATED)).build(),
                GraphWidget.Builder.create().title("Fan-out: lag (ms) and budget used (%)")
                        .left(ours(FunctionAccess.STOCK_FAN_OUT.functionId(), "Maximum", MetricName.FANOUT_LAG))
                        .right(ours(FunctionAccess.STOCK_FAN_OUT.functionId(), "Average", MetricName.POST_BUDGET_USED)).build()), List.of(
                GraphWidget.Builder.create().title("Viewers per minute").left(java.util.stream.Stream.concat(
                        ours(FunctionAccess.CONNECT.functionId(), "Sum", MetricName.CONNECTS, MetricName.CONNECTS_REFUSED_ORIGIN,
                                MetricName.CONNECTS_REFUSED_PAGE).stream(),
                        java.util.stream.Stream.concat(ours(FunctionAccess.DISCONNECT.functionId(), "Sum", MetricName.DISCONNECTS).stream(),
                                ours(FunctionAccess.MESSAGE.functionId(), "Sum", MetricName.SYNCS, MetricName.MESSAGES_REFUSED_INVALID,
                                        MetricName.MESSAGES_RATE_LIMITED, MetricName.SOCKETS_CLOSED_ABUSIVE).stream())).toList())
                        .build()))).build();

        output("WebSocketUrl", stage.getUrl());
        output("ManagementEndpoint", stage.getCallbackUrl());
        output("SaleEventsStreamName", sales.getStreamName());
        output("StockTableName", stock.getTableName());
        output("ConnectionsTableName", connections.getTableName());
        output("CatalogTableName", catalog.getTableName());
        output("ProcessedEventsTableName", processed.getTableName());
        output("WebUrl", "https://" + distribution.getDistributionDomainName());
    }

    /**
     * How CodeDeploy shifts a release: by default 10% of the traffic for 5 minutes, then all of it. Change it with
     * {@code cdk deploy -c canaryPercent=20 -c canaryMinutes=10}; {@code canaryPercent=100} shifts all at once.
     */
    private ILambdaDeploymentConfig deploymentConfig() {
        int percent = contextInt("canaryPercent", 10, 1, 100);
        int minutes = contextInt("canaryMinutes", 5, 1, 2_880);
        if (percent == 100) {
            return LambdaDeploymentConfig.ALL_AT_ONCE;
        }
        if (percent == 10 && minutes == 5) {
            return LambdaDeploymentConfig.CANARY_10_PERCENT_5_MINUTES;
        }
        return LambdaDeploymentConfig.Builder.create(this, "ReleaseConfig")
                .trafficRouting(TimeBasedCanaryTrafficRouting.Builder.create()
                        .percentage(percent).interval(Duration.minutes(minutes)).build())
                .build();
    }

    private int contextInt(String name, int fallback, int min, int max) {
        Object value = getNode().tryGetContext(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.toString().strip());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("-c " + name + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-c " + name + " must be a whole number, got '" + value + "'", e);
        }
    }

    /**
     * The demo site's origin, then those the {@code allowedOrigins} context value lists (comma-separated on the
     * command line, or a list in cdk.json), checked here so a typo fails the synth, not every $connect.
     */
    private String allowedOrigins(Distribution distribution) {
        Object extra = getNode().tryGetContext("allowedOrigins");
        String listed = extra instanceof List<?> list
                ? String.join(",", list.stream().map(Object::toString).toList())
                : extra == null ? "" : extra.toString();
        try {
            AllowedOrigins.parse(listed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-c allowedOrigins: " + e.getMessage(), e);
        }
        String site = "https://" + distribution.getDistributionDomainName();
        return listed.isBlank() ? site : site + "," + listed;
    }

    /** Java 21 on arm64 with SnapStart on published versions, invoked through a "live" alias. */
    private Alias function(String id, String handler, int memory, int timeoutSeconds, Code code, Map<String, String> environment) {
        return function(id, handler, memory, timeoutSeconds, code, environment, null);
    }

    /**
     * Powertools writes each function's figures to the StockPulse namespace, dimension Service = the function, and
     * log4j writes its lines as JSON naming the same service.
     */
    private static Map<String, String> withTelemetry(Map<String, String> environment, String functionId) {
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.put("POWERTOOLS_METRICS_NAMESPACE", MetricName.NAMESPACE);
        all.put("POWERTOOLS_SERVICE_NAME", functionId);
        all.put(FunctionsConfig.LOG_CONFIGURATION, FunctionsConfig.LAMBDA_LOG_CONFIGURATION);
        return all;
    }

    /** One of our own figures, as EMF wrote it for one function. */
    private static software.amazon.awscdk.services.cloudwatch.Metric ours(MetricName metric, String functionId,
                                                                          String statistic) {
        return software.amazon.awscdk.services.cloudwatch.Metric.Builder.create()
                .namespace(MetricName.NAMESPACE).metricName(metric.metricName())
                .dimensionsMap(Map.of(MetricName.SERVICE_DIMENSION, functionId))
                .statistic(statistic).period(Duration.minutes(1)).build();
    }

    private static List<IMetric> ours(String functionId, String statistic, MetricName... metrics) {
        return java.util.Arrays.stream(metrics).map(metric -> (IMetric) ours(metric, functionId, statistic)).toList();
    }

    /** @param reservedConcurrency null: the account's unreserved pool */
    private Alias function(String id, String handler, int memory, int timeoutSeconds, Code code,
                           Map<String, String> environment, Integer reservedConcurrency) {
        Function function = Function.Builder.create(this, id)
                .reservedConcurrentExecutions(reservedConcurrency)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(HANDLERS + handler + "::handleRequest")
                .code(code)
                .memorySize(memory)
                .timeout(Duration.seconds(timeoutSeconds))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(withTelemetry(environment, id))
                .build();
        return Alias.Builder.create(this, id + "Alias").aliasName("live").version(function.getCurrentVersion()).build();
    }

    private Queue failureQueue(String id) {
        return Queue.Builder.create(this, id).encryption(QueueEncryption.SQS_MANAGED)
                .retentionPeriod(Duration.days(14)).enforceSsl(true).build();
    }

    private static Metric iteratorAge(Alias alias) {
        return alias.metric("IteratorAge", software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                .statistic("Maximum").period(Duration.minutes(1)).build());
    }

    private Alarm alarm(String id, IMetric metric, double threshold, String description) {
        return Alarm.Builder.create(this, id + "Alarm").metric(metric).threshold(threshold).evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING).alarmDescription("StockPulse: " + description).build();
    }

    private void output(String id, String value) {
        CfnOutput.Builder.create(this, id).value(value).build();
    }
}
