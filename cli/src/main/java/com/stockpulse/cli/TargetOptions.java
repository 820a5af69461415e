package com.stockpulse.cli;

import com.stockpulse.local.runtime.LocalSdkDefaults;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.runtime.LocalStackState;
import com.stockpulse.model.Tables;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;

/**
 * The options every command shares to name its target. Without any, the local stack that a running
 * {@code stockpulse local} named in its state file ({@link LocalSettings#stateFile()}), else the default ports.
 * With {@code --stack}, the deployed stack's CloudFormation outputs; explicit options win over both.
 */
public final class TargetOptions {

    /** The outputs the CDK stack publishes (infra/aws). */
    static final String OUTPUT_WEBSOCKET_URL = "WebSocketUrl";
    static final String OUTPUT_STREAM = "SaleEventsStreamName";
    static final String OUTPUT_STOCK_TABLE = "StockTableName";
    static final String OUTPUT_PROCESSED_EVENTS_TABLE = "ProcessedEventsTableName";

    @Option(names = "--stack", paramLabel = "NAME", description = "A deployed StockPulse stack: read its outputs from CloudFormation.")
    String stack;

    @Option(names = "--ws-url", paramLabel = "URL", description = "The WebSocket API (default: the embedded stack's).")
    URI webSocketUrl;

    @Option(names = "--stream", paramLabel = "NAME", description = "The Kinesis stream of sale events (default: sale-events).")
    String stream;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: us-east-1 locally, else the SDK's).")
    String region;

    @Option(names = "--stock-table", paramLabel = "NAME", description = "The stock table, read by loadtest's convergence check.")
    String stockTable;

    @Option(names = "--processed-events-table", paramLabel = "NAME", description = "The processed-events table, read by loadtest for each sale's applied version.")
    String processedEventsTable;

    @Option(names = "--kinesis-endpoint", paramLabel = "URL", description = "Kinesis endpoint (default: the embedded kinesalite).")
    URI kinesisEndpoint;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL", description = "DynamoDB endpoint (default: the embedded DynamoDB Local).")
    URI dynamoDbEndpoint;

    public Target resolve() {
        if (stack != null) {
            return fromStack();
        }
        LocalSdkDefaults.apply();
        Path stateFile = LocalSettings.stateFile();
        Optional<LocalStackState> running = LocalStackState.read(stateFile);
        LocalSettings local = LocalSettings.defaults();
        String description = running
                .map(state -> "the local stack of " + stateFile + " (pid " + state.pid() + ")")
                .orElse("the local stack on its default ports (no running stack in " + stateFile
                        + ": start one with `stockpulse local`)");
        return new Target(description,
                first(webSocketUrl, running.map(LocalStackState::webSocket), URI.create("ws://127.0.0.1:" + local.webSocketPort() + "/")),
                first(stream, running.map(LocalStackState::stream), local.streamName()),
                first(stockTable, running.map(LocalStackState::stockTable), Tables.DEFAULT_STOCK_TABLE),
                first(processedEventsTable, running.map(LocalStackState::processedEventsTable), Tables.DEFAULT_PROCESSED_EVENTS_TABLE),
                first(region, running.map(LocalStackState::region), local.region()),
                Optional.of(first(kinesisEndpoint, running.map(LocalStackState::kinesis), URI.create("http://127.0.0.1:" + LocalSettings.DEFAULT_KINESIS_PORT))),
                Optional.of(first(dynamoDbEndpoint, running.map(LocalStackState::dynamoDb), URI.create("http://127.0.0.1:" + LocalSettings.DEFAULT_DYNAMODB_PORT))),
                running);
    }

    /** An explicit option wins over the running stack's state file, which wins over the default. */
    private static <T> T first(T option, Optional<T> running, T fallback) {
        return option != null ? option : running.orElse(fallback);
    }

    private Target fromStack() {
        Map<String, String> outputs;
        var builder = CloudFormationClient.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create());
        if (region != null) {
            builder.region(Region.of(region));
        }
        try (CloudFormationClient cloudFormation = builder.build()) {
            outputs = cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().getFirst().outputs().stream()
                    .collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        } catch (SdkException e) {
            throw new UnreachableEndpointException("cannot read the outputs of stack '" + stack + "' from CloudFormation: "
                    + e.getMessage() + " (check the name, --region and your AWS credentials)", e);
        }
        String resolvedRegion = region != null ? region : new software.amazon.awssdk.regions.providers
                .DefaultAwsRegionProviderChain().getRegion().id();
        return new Target("stack " + stack,
                webSocketUrl != null ? webSocketUrl : URI.create(required(outputs, OUTPUT_WEBSOCKET_URL)),
                stream != null ? stream : required(outputs, OUTPUT_STREAM),
                stockTable != null ? stockTable : required(outputs, OUTPUT_STOCK_TABLE),
                processedEventsTable != null ? processedEventsTable : required(outputs, OUTPUT_PROCESSED_EVENTS_TABLE),
                resolvedRegion, Optional.ofNullable(kinesisEndpoint), Optional.ofNullable(dynamoDbEndpoint),
                Optional.empty());
    }

    private String required(Map<String, String> outputs, String key) {
        String value = outputs.get(key);
        if (value == null) {
            throw new IllegalArgumentException("stack '" + stack + "' has no output " + key + "; outputs: " + outputs.keySet());
        }
        return value;
    }
}
