/**
 * Where the functions are put together. {@link FunctionsConfig} is the only reader of the environment (each setting is
 * declared in shared-model's {@code FunctionSetting}); {@link AwsClients} builds the lean SDK clients once per
 * container; {@link Wiring} builds the real stores, messenger and logic behind the handlers' no-argument
 * constructors, and the local runtime builds its handlers with the same {@code Wiring}, from a map of settings
 * instead of the environment. {@link SnapStartPriming} warms the clients before the SnapStart snapshot. This package
 * knows every other one of the functions; only {@code handler} depends on it, so the logic never reads settings itself.
 */
package com.stockpulse.functions.config;
