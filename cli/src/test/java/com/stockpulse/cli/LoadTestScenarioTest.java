package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The --scenario presets, parsed as picocli parses them (nothing is run). */
class LoadTestScenarioTest {

    private static LoadTestCommand parsed(String... args) {
        CommandLine commandLine = StockPulseCli.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = "loadtest";
        System.arraycopy(args, 0, all, 1, args.length);
        commandLine.parseArgs(all);
        LoadTestCommand command = commandLine.getSubcommands().get("loadtest").getCommand();
        command.applyScenario();
        return command;
    }

    @Test
    void flashSale_setsItsPreset() {
        LoadTestCommand command = parsed("--scenario", "flash-sale");

        assertThat(command.connections).isEqualTo(2_000);
        assertThat(command.pages).isEqualTo(1);
        assertThat(command.rate).isEqualTo(200.0);
        assertThat(command.duration).isEqualTo(Duration.ofSeconds(60));
        assertThat(command.ramp).isEqualTo(200.0);
    }

    @Test
    void optionsGivenWithAScenario_win() {
        LoadTestCommand command = parsed("--scenario", "flash-sale", "--connections", "500", "--rate", "50/s");

        assertThat(command.connections).isEqualTo(500);
        assertThat(command.rate).isEqualTo(50.0);
        assertThat(command.pages).isEqualTo(1);
    }

    @Test
    void withoutAScenario_theDefaultsStay() {
        LoadTestCommand command = parsed();

        assertThat(command.connections).isEqualTo(1_000);
        assertThat(command.pages).isEqualTo(10);
        assertThat(command.postBudget).as("none: the running stack's is taken at run time").isNull();
    }

    @Test
    void unknownScenario_isABadArgument() {
        assertThatThrownBy(() -> parsed("--scenario", "black-friday"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("flash-sale");
    }

    @Test
    void help_documentsTheScenario() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = StockPulseCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        commandLine.execute("loadtest", "--help");

        assertThat(out.toString()).contains("Scenarios:").contains("flash-sale")
                .contains("--connections 2000 --pages 1 --rate 200/s --duration 60s").contains("--ramp 200/s")
                .contains("--post-budget");
    }
}
