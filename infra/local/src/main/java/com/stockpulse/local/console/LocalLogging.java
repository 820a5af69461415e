package com.stockpulse.local.console;

import com.stockpulse.model.Untrusted;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Where {@code stockpulse local}'s log lines go. Everything (Jetty, DynamoDB Local, the SDKs, StockPulse's own INFO
 * lines per batch) goes to a log file under the runtime's folder. The console keeps the banner and, below it, only
 * StockPulse's own warnings and errors: the things a user should act on. {@code --verbose} prints everything on the
 * console too. Every library here logs through java.util.logging (StockPulse's functions and Jetty through SLF4J and
 * slf4j-jdk14, DynamoDB Local's SDK v1 through its JUL adapter), so configuring it
 * is enough. The functions' JSON logging (log4j) belongs to the Lambda jar and is not on this classpath.
 */
final class LocalLogging {

    private static final String OURS = "com.stockpulse.";
    /** One line per record: time, level, logger, message, then any stack trace. */
    private static final String FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";

    private LocalLogging() {
    }

    /**
     * Sends every record to {@code logFile} (replaced at each start) and the ones a user should see to
     * {@code console}; returns the handlers so a caller can flush or close them.
     */
    static Handler[] configure(Path logFile, OutputStream console, boolean verbose) {
        try {
            // readConfiguration also resets: the JDK's default console handler goes; SimpleFormatter reads the format.
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(
                    ("java.util.logging.SimpleFormatter.format=" + FORMAT).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure logging", e);
        }
        Formatter formatter = new OneLineFormatter();
        FileHandler file;
        try {
            Files.createDirectories(logFile.getParent());
            file = new FileHandler(logFile.toString(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log file " + logFile, e);
        }
        file.setFormatter(formatter);
        file.setLevel(Level.ALL);
        Handler screen = new StreamHandler(console, formatter) {
            @Override
            public synchronized void publish(LogRecord logRecord) {
                super.publish(logRecord);
                flush();
            }
        };
        screen.setLevel(verbose ? Level.ALL : Level.WARNING);
        if (!verbose) {
            screen.setFilter(LocalLogging::actionable);
        }
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        root.addHandler(file);
        root.addHandler(screen);
        return new Handler[] {file, screen};
    }

    /**
     * SimpleFormatter's line with the message's own line breaks escaped: a page or an event id that carries CR/LF
     * (they reach log messages through errors) cannot forge a line. A stack trace still follows on its own lines.
     */
    static final class OneLineFormatter extends SimpleFormatter {
        @Override
        public String formatMessage(LogRecord logRecord) {
            return Untrusted.oneLine(super.formatMessage(logRecord));
        }
    }

    /** StockPulse's own warnings and errors; third-party warnings (JAXB missing, Jetty notices) stay in the file. */
    static boolean actionable(LogRecord logRecord) {
        return logRecord.getLevel().intValue() >= Level.WARNING.intValue()
                && logRecord.getLoggerName() != null && logRecord.getLoggerName().startsWith(OURS);
    }
}
