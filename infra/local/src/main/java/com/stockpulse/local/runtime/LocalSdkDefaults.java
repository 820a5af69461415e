package com.stockpulse.local.runtime;

import com.stockpulse.functions.config.FunctionsConfig;
import java.util.Map;

/**
 * The JVM-wide SDK settings every client of the local services needs, set once before the first client is built:
 * the only place this module sets system properties.
 */
public final class LocalSdkDefaults {

    private LocalSdkDefaults() {
    }

    /**
     * HTTP keep-alive sized for the fan-out's posts (they reuse connections), CBOR off (kinesalite cannot read it) and
     * placeholder credentials unless real ones are configured (the local services do not check signatures).
     */
    public static void apply() {
        FunctionsConfig.applyHttpKeepAlive(FunctionsConfig.of(Map.of()).fanOutConcurrency());
        System.setProperty("aws.cborEnabled", "false");
        if (!LocalSettings.awsCredentialsConfigured()) {
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
        }
    }
}
