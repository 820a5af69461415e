package com.stockpulse.aws;

import com.stockpulse.model.AllowedOrigins;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
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

    public StockPulseStack(Construct scope, String id, StackProps props, Settings settings) {
        super(scope, id, props);
        if (!Files.isRegularFile(settings.functionsJar())) {
            throw new IllegalStateException(settings.functionsJar() + " is missing: build it first "
                    + "(./mvnw -pl functions -am package -DskipTests)");
        }
        // Each part is built in the stack's own scope, so every resource keeps the logical id it had when this
        // constructor built them all: a renamed table would be replaced by a new, empty one.
        Map<TableSchema, Table> tables = StackTables.create(this);
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
        Distribution website = Website.create(this, settings, stage);
        Map<FunctionAccess, Alias> functions = StackFunctions.create(this, Code.fromAsset(settings.functionsJar().toString()),
                tables, stage, allowedOrigins(website));
        route(api, "$connect", "ConnectIntegration", functions.get(FunctionAccess.CONNECT));
        route(api, "$disconnect", "DisconnectIntegration", functions.get(FunctionAccess.DISCONNECT));
        route(api, "$default", "DefaultIntegration", functions.get(FunctionAccess.MESSAGE));
        route(api, "sync", "SyncIntegration", functions.get(FunctionAccess.MESSAGE));
        StreamPipeline pipeline = StreamPipeline.create(this, tables.get(TableSchema.STOCK),
                functions.get(FunctionAccess.SALE_EVENT_CONSUMER), functions.get(FunctionAccess.STOCK_FAN_OUT));
        Releases.create(this, functions, Monitoring.create(this, functions, pipeline));

        output("WebSocketUrl", stage.getUrl());
        output("ManagementEndpoint", stage.getCallbackUrl());
        output("SaleEventsStreamName", pipeline.sales().getStreamName());
        tables.forEach((schema, table) -> output(StackTables.constructId(schema) + "Name", table.getTableName()));
        output("WebUrl", "https://" + website.getDistributionDomainName());
    }

    private static void route(WebSocketApi api, String routeKey, String integrationId, Alias function) {
        api.addRoute(routeKey, WebSocketRouteOptions.builder()
                .integration(new WebSocketLambdaIntegration(integrationId, function)).build());
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

    private void output(String id, String value) {
        CfnOutput.Builder.create(this, id).value(value).build();
    }
}
