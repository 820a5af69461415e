package com.stockpulse.cli;

import com.stockpulse.model.InvalidMessageException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stockpulse} command: one entry point for the local runtime, ops and load tests. */
@Command(name = "stockpulse", mixinStandardHelpOptions = true, version = "stockpulse 0.1.0",
        description = "Live stock counters: run them locally, put sale events, watch pages, load-test a stack.",
        subcommands = {LocalCommand.class, EventCommand.Sale.class, EventCommand.Restock.class, EventCommand.Set.class,
                SimulateCommand.class, WatchCommand.class, LoadTestCommand.class, SmokeCommand.class,
                ReplayCommand.class},
        footerHeading = "%nTargets:%n",
        footer = {"  Without target options every command talks to the embedded stack of `stockpulse local`.",
                  "  --stack NAME reads a deployed stack's outputs from CloudFormation (default AWS credential chain);",
                  "  --ws-url, --stream, --region and the endpoint options override single values.",
                  "%nExit codes: 0 ok, 1 convergence failed (loadtest), 2 bad arguments, 3 endpoint unreachable,",
                  "  4 errors above the threshold (loadtest, simulate)."})
public final class StockPulseCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run commands through it with their own output streams. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new StockPulseCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(StockPulseCli::handle);
        return commandLine;
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        if (e instanceof InvalidMessageException invalid) {
            err.println(name + ": " + invalid.getMessage());
            return ExitCodes.BAD_ARGUMENTS;
        }
        if (e instanceof IllegalArgumentException bad) {
            err.println(name + ": " + bad.getMessage());
            return ExitCodes.BAD_ARGUMENTS;
        }
        if (e instanceof UnreachableEndpointException unreachable) {
            err.println(name + ": " + unreachable.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
