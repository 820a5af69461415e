package com.stockpulse.aws;

import java.util.Optional;
import software.amazon.awscdk.Environment;

/** The only reader of the environment in infra/aws: the account and region the CDK CLI resolved from its profile. */
final class DeploySettings {

    private DeploySettings() {
    }

    /** Empty when the CLI did not resolve both: the stack is then environment-agnostic. */
    static Optional<Environment> environment() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        if (account == null || region == null) {
            return Optional.empty();
        }
        return Optional.of(Environment.builder().account(account).region(region).build());
    }
}
