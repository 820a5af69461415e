package com.stockpulse.cli;

import com.stockpulse.local.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "local", description = "Start the whole system on this machine (see `stockpulse local --help`).",
        footerHeading = "%nExample:%n", footer = "  stockpulse local --web-port 9080 --ws-port 9081")
final class LocalCommand implements Callable<Integer> {

    /** The embedded runtime parses its own options (ports, endpoints), so they stay in one place. */
    @Unmatched
    List<String> options = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Main.run(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
