package com.stockpulse.aws;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** {@code cdk synth} / {@code cdk deploy} entry point (see infra/aws/cdk.json). */
public final class StockPulseApp {

    private StockPulseApp() {
    }

    public static void main(String[] args) {
        App app = new App(AppProps.builder().outdir("cdk.out").build());
        // Account and region from the CLI's profile; an environment-agnostic stack otherwise.
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        StackProps.Builder props = StackProps.builder().description("StockPulse: live stock counters over WebSockets");
        if (account != null && region != null) {
            props.env(Environment.builder().account(account).region(region).build());
        }
        new StockPulseStack(app, "StockPulse", props.build(), StockPulseStack.Settings.defaults());
        app.synth();
    }
}
