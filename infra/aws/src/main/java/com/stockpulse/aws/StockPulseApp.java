package com.stockpulse.aws;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;

/** {@code cdk synth} / {@code cdk deploy} entry point (see infra/aws/cdk.json). */
public final class StockPulseApp {

    private StockPulseApp() {
    }

    public static void main(String[] args) {
        App app = new App(AppProps.builder().outdir("cdk.out").build());
        StackProps.Builder props = StackProps.builder().description("StockPulse: live stock counters over WebSockets");
        DeploySettings.environment().ifPresent(props::env);
        new StockPulseStack(app, "StockPulse", props.build(), StockPulseStack.Settings.defaults());
        app.synth();
    }
}
