package com.stockpulse.aws;

import com.stockpulse.model.FunctionAccess;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.codedeploy.AutoRollbackConfig;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaApplication;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentGroup;
import software.amazon.awscdk.services.codedeploy.TimeBasedCanaryTrafficRouting;
import software.amazon.awscdk.services.lambda.Alias;
import software.constructs.Construct;

/**
 * Safe deploys: CodeDeploy shifts each function's live alias to a new version (canary by default) and rolls it back
 * when one of the function's alarms fires. The shift is the user's to choose with
 * {@code cdk deploy -c canaryPercent=20 -c canaryMinutes=10}; {@code canaryPercent=100} shifts all at once.
 */
final class Releases {

    private Releases() {
    }

    static void create(Construct scope, Map<FunctionAccess, Alias> functions, Map<FunctionAccess, List<IAlarm>> rollbackOn) {
        ILambdaDeploymentConfig deployment = deploymentConfig(scope);
        LambdaApplication releases = LambdaApplication.Builder.create(scope, "Releases").build();
        functions.forEach((access, alias) -> LambdaDeploymentGroup.Builder.create(scope, access.functionId() + "Deployment")
                .application(releases)
                .alias(alias)
                .deploymentConfig(deployment)
                .alarms(rollbackOn.get(access))
                .autoRollback(AutoRollbackConfig.builder()
                        .failedDeployment(true).stoppedDeployment(true).deploymentInAlarm(true).build())
                .build());
    }

    /** By default 10% of the traffic for 5 minutes, then all of it. */
    private static ILambdaDeploymentConfig deploymentConfig(Construct scope) {
        int percent = contextInt(scope, "canaryPercent", 10, 1, 100);
        int minutes = contextInt(scope, "canaryMinutes", 5, 1, 2_880);
        if (percent == 100) {
            return LambdaDeploymentConfig.ALL_AT_ONCE;
        }
        if (percent == 10 && minutes == 5) {
            return LambdaDeploymentConfig.CANARY_10_PERCENT_5_MINUTES;
        }
        return LambdaDeploymentConfig.Builder.create(scope, "ReleaseConfig")
                .trafficRouting(TimeBasedCanaryTrafficRouting.Builder.create()
                        .percentage(percent).interval(Duration.minutes(minutes)).build())
                .build();
    }

    private static int contextInt(Construct scope, String name, int fallback, int min, int max) {
        Object value = scope.getNode().tryGetContext(name);
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
}
