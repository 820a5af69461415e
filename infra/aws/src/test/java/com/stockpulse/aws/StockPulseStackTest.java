package com.stockpulse.aws;

import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.MetricName;
import com.stockpulse.model.PageRoute;
import com.stockpulse.model.StreamMapping;
import com.stockpulse.model.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import static org.assertj.core.api.Assertions.assertThat;

/** The synthesized CloudFormation template, offline: counts, mapping settings, SnapStart, TTLs, IAM, outputs. */
class StockPulseStackTest {

    private static Template template;
    private static long synthMillis;

    @BeforeAll
    static void synth() {
        long started = System.currentTimeMillis();
        App app = new App(AppProps.builder().outdir(Path.of("target/cdk-test.out").toString()).build());
        StockPulseStack stack = new StockPulseStack(app, "StockPulse", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build(),
                StockPulseStack.Settings.defaults());
        template = Template.fromStack(stack);
        synthMillis = System.currentTimeMillis() - started;
        System.out.printf("stack synthesized and read in %d ms%n", synthMillis);
    }

    private static Map<String, Map<String, Object>> resources(String type) {
        return template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @Test
    void resourceCounts() {
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template.resourceCountIs("AWS::ApiGatewayV2::Route", 4);
        template.resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
        template.resourceCountIs("AWS::DynamoDB::Table", 4);
        template.resourceCountIs("AWS::Kinesis::Stream", 1);
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
        template.resourceCountIs("AWS::Lambda::Alias", 5);
        template.resourceCountIs("AWS::SQS::Queue", 2);
        template.resourceCountIs("AWS::CloudFront::Distribution", 1);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        assertThat(resources("AWS::CloudWatch::Alarm")).hasSize(4 + 2 * 5 + 2);
    }

    @Test
    void routes_areConnectDisconnectDefaultAndSync_andTheStageIsThrottled() {
        assertThat(resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(route -> properties(route).get("RouteKey")).toList())
                .containsExactlyInAnyOrder("$connect", "$disconnect", "$default", "sync");
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "live",
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 2000, "ThrottlingBurstLimit", 1000)));
    }

    @Test
    void functions_areJava21OnArm64WithSnapStartOnPublishedVersions() {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function",
                Map.of("Properties", Map.of("Handler", Match.stringLikeRegexp("com\\.stockpulse\\.functions\\.handler\\..*"))));
        assertThat(functions).hasSize(5);
        for (Map<String, Object> function : functions.values()) {
            Map<String, Object> props = properties(function);
            assertThat(props.get("Runtime")).isEqualTo("java21");
            assertThat(props.get("Architectures")).isEqualTo(List.of("arm64"));
            assertThat(props.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
            assertThat(props.get("Environment").toString()).contains("STOCKPULSE_MANAGEMENT_ENDPOINT", "STOCKPULSE_STOCK_TABLE");
            // Only $connect checks origins: it admits the demo site's pages, whose domain CloudFront assigns.
            String environment = props.get("Environment").toString();
            if (props.get("Handler").toString().endsWith(".ConnectHandler::handleRequest")) {
                assertThat(environment).contains("STOCKPULSE_ALLOWED_ORIGINS").contains("WebDistribution");
            } else {
                assertThat(environment).doesNotContain("STOCKPULSE_ALLOWED_ORIGINS");
            }
            if (props.get("Handler").toString().contains("StockFanOutHandler")) {
                // The post budget is the fan-out's share of the account quota over the invocations that can run at once.
                assertThat(props.get("Environment").toString()).contains("STOCKPULSE_POST_BUDGET=4000");
                assertThat(props.get("ReservedConcurrentExecutions")).isEqualTo(2);
            }
        }
        assertThat(functions.values().stream().map(f -> properties(f).get("MemorySize")).toList())
                .containsExactlyInAnyOrder(512, 512, 512, 1024, 1769);
    }

    @Test
    void mappings_useTheSharedSettings_withReportBatchItemFailuresOnAndAnSqsOnFailureDestination() {
        StreamMapping sales = StreamMapping.SALE_EVENTS;
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of(Match.stringLikeRegexp("SaleEvents.*"))))),
                "BatchSize", sales.batchSize(),
                "MaximumBatchingWindowInSeconds", (int) sales.batchingWindow().toSeconds(),
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", sales.maxRetryAttempts(),
                "MaximumRecordAgeInSeconds", (int) sales.maxRecordAge().toSeconds(),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "StartingPosition", "TRIM_HORIZON",
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
        StreamMapping stock = StreamMapping.STOCK_CHANGES;
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of(Match.stringLikeRegexp("StockTable.*"))))),
                "BatchSize", stock.batchSize(),
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", stock.maxRetryAttempts(),
                "MaximumRecordAgeInSeconds", (int) stock.maxRecordAge().toSeconds(),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
        for (Map<String, Object> mapping : resources("AWS::Lambda::EventSourceMapping").values()) {
            assertThat(properties(mapping).get("FunctionName").toString()).as("mappings invoke the alias").contains("Alias");
        }
    }

    @Test
    void tables_haveTheKeysStreamTtlAndRecovery() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "sku", "KeyType", "HASH")),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "BillingMode", "PAY_PER_REQUEST")));
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true))));
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "eventId", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true))));
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "GlobalSecondaryIndexes", Match.arrayWith(List.of(Match.objectLike(Map.of("IndexName", "byPage",
                        "Projection", Map.of("ProjectionType", "KEYS_ONLY"))))))));
        template.hasResourceProperties("AWS::Kinesis::Stream", Match.objectLike(Map.of(
                "StreamModeDetails", Map.of("StreamMode", "ON_DEMAND"),
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis"))));
    }

    /** Every IAM statement, with the policy it belongs to. */
    private static List<Map<String, Object>> statements() {
        return resources("AWS::IAM::Policy").entrySet().stream().flatMap(entry -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> document = (Map<String, Object>) properties(entry.getValue()).get("PolicyDocument");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) document.get("Statement");
            return list.stream().map(statement -> Map.<String, Object>of("policy", entry.getKey(), "statement", statement,
                    "roles", properties(entry.getValue()).get("Roles").toString()));
        }).toList();
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of(action.toString());
    }

    @Test
    void iam_hasNoWildcardActions_andOnlyTheBroadcastingFunctionsMayManageConnectionsOnThisStage() {
        for (Map<String, Object> entry : statements()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> statement = (Map<String, Object>) entry.get("statement");
            assertThat(actions(statement)).as(entry.get("policy").toString()).noneMatch(action -> action.equals("*")
                    || action.endsWith(":*"));
        }
        List<Map<String, Object>> manage = statements().stream().filter(entry -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> statement = (Map<String, Object>) entry.get("statement");
            return actions(statement).contains("execute-api:ManageConnections");
        }).toList();
        List<String> managing = java.util.Arrays.stream(FunctionAccess.values()).filter(FunctionAccess::managesConnections)
                .map(FunctionAccess::functionId).toList();
        assertThat(manage.stream().map(entry -> entry.get("roles").toString().replaceAll(".*?(\\w+?)ServiceRole.*", "$1")))
                .containsExactlyInAnyOrderElementsOf(managing);
        for (Map<String, Object> entry : manage) {
            assertThat(entry.get("statement").toString()).as("scoped to the live stage").contains("/live/*/@connections/*");
        }
    }

    /** The construct id of a table in the stack: the prefix of its logical id. */
    private static String tableId(TableSchema table) {
        return switch (table) {
            case STOCK -> "StockTable";
            case CONNECTIONS -> "ConnectionsTable";
            case CATALOG -> "CatalogTable";
            case PROCESSED_EVENTS -> "ProcessedEventsTable";
        };
    }

    /**
     * Per function role and table, the DynamoDB actions granted (the stream actions of the event source mapping
     * aside): exactly what FunctionAccess declares, which FunctionAccessIT checks against what the code calls.
     */
    @Test
    void iam_givesEachFunctionExactlyTheDynamoDbActionsFunctionAccessDeclares() {
        Map<String, Map<String, java.util.Set<String>>> granted = new java.util.TreeMap<>();
        for (Map<String, Object> entry : statements()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> statement = (Map<String, Object>) entry.get("statement");
            String role = entry.get("roles").toString().replaceAll(".*?(\\w+?)ServiceRole.*", "$1");
            for (String action : actions(statement)) {
                if (!action.startsWith("dynamodb:") || action.contains("Stream") || action.equals("dynamodb:GetRecords")
                        || action.equals("dynamodb:GetShardIterator")) {
                    continue;
                }
                for (TableSchema table : TableSchema.values()) {
                    if (statement.get("Resource").toString().contains(tableId(table))) {
                        granted.computeIfAbsent(role, r -> new java.util.TreeMap<>())
                                .computeIfAbsent(tableId(table), t -> new java.util.TreeSet<>())
                                .add(action.substring("dynamodb:".length()));
                    }
                }
            }
        }
        Map<String, Map<String, java.util.Set<String>>> declared = new java.util.TreeMap<>();
        for (FunctionAccess access : FunctionAccess.values()) {
            access.dynamoDbActions().forEach((table, actions) -> declared
                    .computeIfAbsent(access.functionId(), r -> new java.util.TreeMap<>())
                    .put(tableId(table), new java.util.TreeSet<>(actions)));
        }
        assertThat(granted).isEqualTo(declared);
        assertThat(granted.values().stream().flatMap(t -> t.values().stream()).flatMap(java.util.Set::stream))
                .doesNotContain("Scan");
    }

    @Test
    @SuppressWarnings("unchecked")
    void releases_shiftEachAliasByCodeDeploy_canary10PercentFor5Minutes_andRollBackOnItsAlarms() {
        template.resourceCountIs("AWS::CodeDeploy::Application", 1);
        Map<String, Map<String, Object>> groups = resources("AWS::CodeDeploy::DeploymentGroup");
        assertThat(groups).hasSize(5);
        for (Map.Entry<String, Map<String, Object>> group : groups.entrySet()) {
            Map<String, Object> props = properties(group.getValue());
            String function = group.getKey().replaceAll("Deployment.*", "");
            assertThat(props.get("DeploymentConfigName")).isEqualTo("CodeDeployDefault.LambdaCanary10Percent5Minutes");
            assertThat(props.get("AutoRollbackConfiguration")).isEqualTo(Map.of("Enabled", true, "Events",
                    List.of("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST", "DEPLOYMENT_STOP_ON_ALARM")));
            Map<String, Object> alarms = (Map<String, Object>) props.get("AlarmConfiguration");
            assertThat(alarms.get("Enabled")).isEqualTo(true);
            String names = alarms.get("Alarms").toString();
            assertThat(names).as(function).contains(function + "ErrorsAlarm");
            if (function.equals("StockFanOut")) {
                assertThat(names).as("the fan-out rolls back on its lag too").contains("StockChangesIteratorAgeAlarm")
                        .contains("FanOutLagAlarm");
            }
            if (function.equals("SaleEventConsumer")) {
                assertThat(names).contains("SaleEventsIteratorAgeAlarm");
            }
        }
        for (Map<String, Object> alias : resources("AWS::Lambda::Alias").values()) {
            assertThat(alias.get("UpdatePolicy").toString()).as("the alias moves only through CodeDeploy")
                    .contains("CodeDeployLambdaAliasUpdate");
        }
    }

    @Test
    void metrics_ourOwnFiguresReachCloudWatch_andTheAlarmsWatchTheFanOutsLagAndBudget() {
        for (Map<String, Object> function : template.findResources("AWS::Lambda::Function",
                Map.of("Properties", Map.of("Handler", Match.stringLikeRegexp("com\\.stockpulse\\..*")))).values()) {
            assertThat(properties(function).get("Environment").toString())
                    .contains("POWERTOOLS_METRICS_NAMESPACE=StockPulse").contains("POWERTOOLS_SERVICE_NAME=");
        }
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "StockPulse",
                "MetricName", "FanOutLag", "Threshold", 5000, "Dimensions", List.of(Map.of("Name", "Service", "Value", "StockFanOut"))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "StockPulse",
                "MetricName", "PostBudgetUsed", "Threshold", 95, "EvaluationPeriods", 5));
        String dashboard = resources("AWS::CloudWatch::Dashboard").values().iterator().next().toString();
        for (MetricName name : MetricName.values()) {
            assertThat(dashboard).as(name.metricName()).contains(name.metricName());
        }
    }

    @Test
    void logs_everyFunctionWritesJson_throughTheLog4jConfigurationInTheLambdaJar() throws IOException {
        for (Map<String, Object> function : template.findResources("AWS::Lambda::Function",
                Map.of("Properties", Map.of("Handler", Match.stringLikeRegexp("com\\.stockpulse\\..*")))).values()) {
            assertThat(properties(function).get("Environment").toString()).contains(
                    FunctionSetting.LOG_CONFIGURATION.variable() + "=" + FunctionSetting.LOG_CONFIGURATION.defaultValue());
        }
        try (ZipFile jar = new ZipFile(StockPulseStack.Settings.defaults().functionsJar().toFile())) {
            assertThat(jar.getEntry(FunctionSetting.LOG_CONFIGURATION.defaultValue()))
                    .as("the file the stack names is in the functions' jar").isNotNull();
        }
    }

    @Test
    void releases_takeTheShiftAUserAsksFor() {
        assertThat(deploymentConfigOf(Map.of("canaryPercent", "100"))).isEqualTo("CodeDeployDefault.LambdaAllAtOnce");
        App app = appWith(Map.of("canaryPercent", "20", "canaryMinutes", "15"));
        Template custom = Template.fromStack(new StockPulseStack(app, "Custom", StackProps.builder().build(),
                StockPulseStack.Settings.defaults()));
        custom.hasResourceProperties("AWS::CodeDeploy::DeploymentConfig", Map.of("TrafficRoutingConfig", Map.of(
                "Type", "TimeBasedCanary",
                "TimeBasedCanary", Map.of("CanaryPercentage", 20, "CanaryInterval", 15))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StockPulseStack(appWith(Map.of("canaryPercent", "0")),
                        "Bad", StackProps.builder().build(), StockPulseStack.Settings.defaults()))
                .hasMessageContaining("canaryPercent");
    }

    @Test
    void allowedOrigins_fromTheCommandLineOrAListInCdkJson_joinTheSite_andATypoFailsTheSynth() {
        Map<String, Object> list = new java.util.HashMap<>(Map.of("allowedOrigins", List.of("https://shop.example", "https://www.shop.example")));
        Template listed = Template.fromStack(new StockPulseStack(new App(AppProps.builder()
                .outdir(Path.of("target/cdk-test-context.out").toString()).context(list).build()), "Listed",
                StackProps.builder().build(), StockPulseStack.Settings.defaults()));
        String connect = listed.findResources("AWS::Lambda::Function", Map.of("Properties",
                Map.of("Handler", Match.stringLikeRegexp(".*\\.ConnectHandler::handleRequest")))).toString();
        assertThat(connect).contains("https://shop.example,https://www.shop.example");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StockPulseStack(
                        appWith(Map.of("allowedOrigins", "shop.example")), "Typo", StackProps.builder().build(),
                        StockPulseStack.Settings.defaults()))
                .hasMessageContaining("allowedOrigins").hasMessageContaining("is not an origin");
    }

    private static App appWith(Map<String, String> context) {
        return new App(AppProps.builder().outdir(Path.of("target/cdk-test-context.out").toString())
                .context(new java.util.HashMap<>(context)).build());
    }

    private static Object deploymentConfigOf(Map<String, String> context) {
        Template other = Template.fromStack(new StockPulseStack(appWith(context), "Other", StackProps.builder().build(),
                StockPulseStack.Settings.defaults()));
        return properties(other.findResources("AWS::CodeDeploy::DeploymentGroup").values().iterator().next())
                .get("DeploymentConfigName");
    }

    @Test
    void outputs_nameWhatTheCliAndOpsNeed() {
        for (String output : List.of("WebSocketUrl", "ManagementEndpoint", "SaleEventsStreamName", "StockTableName",
                "ConnectionsTableName", "CatalogTableName", "ProcessedEventsTableName", "WebUrl")) {
            template.hasOutput(output, Match.anyValue());
        }
    }

    @Test
    void webDemo_isPrivateBehindCloudFrontWithTheConfigWritten() {
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("PublicAccessBlockConfiguration", Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true))));
        template.resourceCountIs("Custom::CDKBucketDeployment", 1);
        template.resourceCountIs("AWS::CloudFront::Function", 1);
        template.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of(
                "DistributionConfig", Match.objectLike(Map.of("DefaultRootObject", "index.html")))));
    }

    @Test
    void pageRoutes_theCloudFrontFunctionSendsEachPagePathToTheFileTheLocalServerServes() throws Exception {
        Map<String, Object> function = resources("AWS::CloudFront::Function").values().iterator().next();
        String code = properties(function).get("FunctionCode").toString();
        List<String> paths = List.of("/products/sku-1", "/collections/summer", "/ops", "/ops/", "/ops.js", "/opsx", "/");
        String script = code + "\n" + paths.stream()
                .map(path -> "console.log(handler({request: {uri: '" + path + "'}}).uri);")
                .collect(Collectors.joining("\n"));
        Process node = new ProcessBuilder("node", "-e", script).redirectErrorStream(true).start();
        List<String> rewritten = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

        assertThat(node.waitFor()).as("node: %s", rewritten).isZero();
        assertThat(rewritten).containsExactlyElementsOf(paths.stream()
                .map(path -> PageRoute.fileFor(path).map(file -> "/" + file).orElse(path)).toList());
        assertThat(rewritten).contains("/product.html", "/collection.html", "/ops.html");
    }

    /**
     * CloudFormation replaces a resource whose logical id changes: a new, empty table or stream. These ids are the
     * ones deployed stacks have; a refactor of the stack must keep them.
     */
    @Test
    void statefulResources_keepTheLogicalIdsOfDeployedStacks() {
        assertThat(resources("AWS::DynamoDB::Table").keySet()).containsExactlyInAnyOrder("StockTable7710DF9D",
                "ConnectionsTable8000B8A1", "CatalogTableF8EA09BD", "ProcessedEventsTableDB56AE4A");
        assertThat(resources("AWS::Kinesis::Stream").keySet()).containsExactly("SaleEventsBA11801F");
        assertThat(resources("AWS::SQS::Queue").keySet()).as("their messages are the discarded batches")
                .containsExactlyInAnyOrder("SaleEventsOnFailure2FEB8FC7", "StockChangesOnFailure22A51815");
    }
}
