/**
 * What talks to the person at the console while {@code stockpulse local} runs: {@link LocalConsole} starts the system
 * through {@code runtime}, prints where everything is and runs until Ctrl-C; {@code StatusLine} prints one line every
 * few seconds while something happens; {@code LocalLogging} sends every log line to the log file and only
 * StockPulse's own warnings and errors to the console. Starting the parts is {@code runtime}'s job, not this
 * package's, so tests start the runtime without a console. The CLI's {@code local} command parses the options and
 * hands over here.
 */
package com.stockpulse.local.console;
