/**
 * The {@code stockpulse} command: {@link StockPulseCli} parses the arguments with picocli and runs one class per
 * command ({@code LocalCommand}, {@code EventCommand} for sale, restock and set, {@code SimulateCommand},
 * {@code WatchCommand}, {@code LoadTestCommand}, {@code SmokeCommand}, {@code ReplayCommand}). Apart from
 * {@code local}, which hands over to the local runtime's console, every command works on a {@link Target} (the stack a
 * running {@code stockpulse local} named in its state file, or a deployed one: {@link TargetOptions}) from outside, as
 * a shop's producers and browsers do: events go onto the Kinesis stream ({@code EventPublisher}), viewers open real
 * sockets ({@code ViewerClient}), and the load test works out what shoppers saw ({@code VisibilityAnalysis}).
 */
package com.stockpulse.cli;
