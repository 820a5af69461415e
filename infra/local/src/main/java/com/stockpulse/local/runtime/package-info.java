/**
 * Starts the parts of the local runtime: {@link LocalRuntime} brings up every stand-in in the order of the flow
 * (DynamoDB and the sale-events stream, the WebSocket API, the unchanged handlers with their event source mappings,
 * the web pages) from {@link LocalSettings}, the module's only reader of system properties and the environment.
 * Around it: {@link LocalSdkDefaults} (JVM-wide SDK settings), {@link StartupFailedException} (a taken port, no Node:
 * says what to do), {@code DataDirLock} (one stack per {@code --data-dir}), {@code SeedCatalog}, {@link JitWarmUp} and
 * {@link LocalStackState} (the state file by which the CLI finds the stack). It only logs; talking to the person at
 * the console is {@code console}'s job.
 */
package com.stockpulse.local.runtime;
