package com.stockpulse.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLoggingTest {

    @TempDir
    Path dir;

    private Handler[] handlers = new Handler[0];

    @AfterEach
    void restoreTheJvmsLogging() throws Exception {
        for (Handler handler : handlers) {
            handler.close();
        }
        LogManager.getLogManager().readConfiguration();
    }

    private static void logTheUsualMix() {
        Logger.getLogger("org.eclipse.jetty.server.Server").info("jetty-12.0.14; built: ...");
        Logger.getLogger("com.amazonaws.log.JulLog").warning("JAXB is unavailable.");
        Logger.getLogger("com.stockpulse.functions.handler.SaleEventConsumer").info("sale batch of 100");
        Logger.getLogger("com.stockpulse.local.streams.StreamPoller").warning("sale-events: cannot list shards");
    }

    @Test
    void quiet_theConsoleShowsOnlyStockPulsesWarnings_theFileEverything() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path logFile = dir.resolve("runtime/stockpulse-local.log");
        handlers = LocalLogging.configure(logFile, console, false);

        logTheUsualMix();
        for (Handler handler : handlers) {
            handler.flush();
        }

        String screen = console.toString(StandardCharsets.UTF_8);
        assertThat(screen.lines()).hasSize(1);
        assertThat(screen).contains("WARNING com.stockpulse.local.streams.StreamPoller: sale-events: cannot list shards");
        assertThat(Files.readString(logFile)).contains("jetty-12.0.14", "JAXB is unavailable", "sale batch of 100",
                "cannot list shards");
    }

    @Test
    void verbose_theConsoleShowsEverything() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        handlers = LocalLogging.configure(dir.resolve("stockpulse-local.log"), console, true);

        logTheUsualMix();

        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("jetty-12.0.14", "JAXB is unavailable", "sale batch of 100", "cannot list shards");
    }

    @Test
    void aParameterWithLineBreaks_staysOnItsLine_soItCannotForgeOne() throws Exception {
        Path logFile = dir.resolve("stockpulse-local.log");
        handlers = LocalLogging.configure(logFile, new ByteArrayOutputStream(), false);

        Logger.getLogger("com.stockpulse.functions.handler.ConnectHandler").log(Level.INFO,
                "refused connection {0}: {1}", new Object[] {"abc=", "page /x\r\n2026-11-23 10:00:00.000 SEVERE forged"});
        for (Handler handler : handlers) {
            handler.flush();
        }

        assertThat(Files.readAllLines(logFile)).singleElement().asString()
                .contains("refused connection abc=: page /x\\r\\n2026-11-23 10:00:00.000 SEVERE forged");
    }

    @Test
    void actionable_isStockPulsesOwnWarningsAndErrors() {
        assertThat(LocalLogging.actionable(record(Level.SEVERE, "com.stockpulse.x"))).isTrue();
        assertThat(LocalLogging.actionable(record(Level.INFO, "com.stockpulse.x"))).isFalse();
        assertThat(LocalLogging.actionable(record(Level.SEVERE, "org.eclipse.jetty"))).isFalse();
        assertThat(LocalLogging.actionable(record(Level.WARNING, null))).isFalse();
    }

    private static java.util.logging.LogRecord record(Level level, String logger) {
        java.util.logging.LogRecord logRecord = new java.util.logging.LogRecord(level, "m");
        logRecord.setLoggerName(logger);
        return logRecord;
    }
}
