/**
 * The production stack in AWS CDK for Java: {@link StockPulseApp} is the {@code cdk} entry point and
 * {@link StockPulseStack} puts the account's parts together from {@code StackTables}, {@code StreamPipeline} (the two
 * streams, their event source mappings and on-failure queues), {@code StackFunctions}, {@code Monitoring} (alarms and
 * the dashboard), {@code Releases} (CodeDeploy canaries and rollback) and {@code Website}. What the functions and the
 * local runtime must agree on with it (table schemas, settings, mappings, granted access, metric names, page routes)
 * comes from shared-model and is never copied here; the functions arrive as their built Lambda jar, so this module
 * does not depend on {@code functions}. {@code DeploySettings} is its only reader of the environment.
 */
package com.stockpulse.aws;
