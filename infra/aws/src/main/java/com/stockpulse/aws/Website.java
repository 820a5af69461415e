package com.stockpulse.aws;

import com.stockpulse.model.PageRoute;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The web demo: a private bucket behind CloudFront, page paths rewritten to their HTML file by a CloudFront function
 * written from {@link PageRoute} (the local web server maps paths with the same routes), and {@code config.json}
 * telling the pages this stack's WebSocket URL.
 */
final class Website {

    private Website() {
    }

    static Distribution create(Construct scope, StockPulseStack.Settings settings, WebSocketStage stage) {
        Bucket web = Bucket.Builder.create(scope, "WebBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(true)
                .build();
        Function pages = Function.Builder.create(scope, "PageRoutes")
                .code(FunctionCode.fromInline(pageRoutesFunction()))
                .build();
        Distribution distribution = Distribution.Builder.create(scope, "WebDistribution")
                .defaultRootObject("index.html")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(web))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .functionAssociations(List.of(FunctionAssociation.builder()
                                .function(pages).eventType(FunctionEventType.VIEWER_REQUEST).build()))
                        .build())
                .build();
        BucketDeployment.Builder.create(scope, "WebDeployment")
                .destinationBucket(web)
                .distribution(distribution)
                .sources(List.of(Source.asset(settings.webDemo().toString()),
                        Source.jsonData("config.json", Map.of("webSocketUrl", stage.getUrl(), "stage", settings.stageName()))))
                .build();
        return distribution;
    }

    /** The viewer-request function: each route's test, in {@link PageRoute} order, rewriting the URI to its file. */
    static String pageRoutesFunction() {
        String rules = Arrays.stream(PageRoute.values())
                .map(route -> "if (" + condition(route) + ") event.request.uri = '/" + route.file() + "';")
                .collect(Collectors.joining("\n  else "));
        return "function handler(event) {\n  var uri = event.request.uri;\n  " + rules + "\n  return event.request;\n}";
    }

    private static String condition(PageRoute route) {
        return switch (route.match()) {
            case PREFIX -> "uri.indexOf('" + route.path() + "') === 0";
            case EXACT_OR_SLASH -> "uri === '" + route.path() + "' || uri === '" + route.path() + "/'";
        };
    }
}
