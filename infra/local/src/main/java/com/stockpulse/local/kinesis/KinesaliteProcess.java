package com.stockpulse.local.kinesis;

import com.stockpulse.local.runtime.StartupFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kinesalite as a child process on 127.0.0.1, from the pinned install in {@code infra/local/kinesalite}
 * ({@code npm ci} on first use). It dies with us and only by us: we hold its stdin open and it exits when that
 * closes, which happens however this JVM ends (a shutdown hook closes it on Ctrl-C first); it ignores SIGINT and
 * SIGTERM, which a terminal or a service manager sends the whole process group. If it dies on its own (a crash, a
 * kill -9),
 * {@link #exitedOnItsOwn()} says so with its exit code and last words, so the runtime can stop instead of running
 * on without a stream.
 */
public final class KinesaliteProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KinesaliteProcess.class);
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final OutputStream lifeline;
    private final URI endpoint;
    /** Lines of output kept to say why it stopped: the last few, not all of them. */
    private static final int LAST_LINES = 20;

    private final Thread shutdownHook;
    private final CompletableFuture<String> exitedOnItsOwn = new CompletableFuture<>();
    private volatile boolean closing;

    private KinesaliteProcess(Process process, URI endpoint, Deque<String> lastLines) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.endpoint = endpoint;
        this.shutdownHook = new Thread(this::endLifeline, "kinesalite-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        process.onExit().thenAccept(exited -> {
            if (!closing) {
                String said;
                synchronized (lastLines) {
                    said = String.join("\n", lastLines).trim();
                }
                exitedOnItsOwn.complete("kinesalite (the local Kinesis, pid " + exited.pid() + ") exited on its own "
                        + "with code " + exited.exitValue() + (said.isEmpty() ? "" : "; its last output:\n" + said));
            }
        });
    }

    /**
     * Completes, with what happened, if kinesalite exits without {@link #close()}: a crash, an out-of-memory kill,
     * someone's {@code kill}. Never completes otherwise.
     */
    public CompletionStage<String> exitedOnItsOwn() {
        return exitedOnItsOwn;
    }

    /** Starts kinesalite on {@code port} (0 = any free port), in memory, and waits until it listens. */
    public static KinesaliteProcess start(Path dir, int port) {
        return start(dir, port, Optional.empty());
    }

    /** As {@link #start(Path, int)}, with its streams kept in the LevelDB folder {@code data} when one is given. */
    public static KinesaliteProcess start(Path dir, int port, Optional<Path> data) {
        requireTool("node", "Node.js runs the local Kinesis (kinesalite). Install Node 18 or newer (Debian: "
                + "apt-get install nodejs npm), or pass --kinesis-endpoint URL to use another Kinesis.");
        ensureInstalled(dir);
        Process process;
        try {
            List<String> command = new ArrayList<>(List.of("node", "server.js", Integer.toString(port)));
            if (data.isPresent()) {
                Files.createDirectories(data.get());
                command.add(data.get().toAbsolutePath().toString());
            }
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new StartupFailedException("cannot start kinesalite in " + dir + ": " + e.getMessage(), e);
        }
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Deque<String> output = new ArrayDeque<>();
        Thread.ofPlatform().daemon().name("kinesalite-output").start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (output) {
                        output.addLast(line);
                        if (output.size() > LAST_LINES) {
                            output.removeFirst();
                        }
                    }
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create(matcher.group(1)));
                    } else {
                        LOG.info("kinesalite: {}", line);
                    }
                }
            } catch (IOException e) {
                LOG.debug("kinesalite output closed: {}", e.toString());
            }
            listening.completeExceptionally(new IllegalStateException("kinesalite exited"));
        });
        try {
            return new KinesaliteProcess(process, listening.get(15, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            process.destroyForcibly();
            String said;
            synchronized (output) {
                said = String.join("\n", output).trim();
            }
            if (said.contains("EADDRINUSE")) {
                throw new StartupFailedException("port " + port + " is taken: stop what uses it or choose another "
                        + "with --kinesis-port", e);
            }
            throw new StartupFailedException("kinesalite did not start" + (said.isEmpty() ? "" : ": " + said), e);
        }
    }

    private static void ensureInstalled(Path dir) {
        if (Files.isDirectory(dir.resolve("node_modules/kinesalite"))) {
            return;
        }
        requireTool("npm", "npm installs the pinned kinesalite on first use. Install it (Debian: apt-get install npm), "
                + "or pass --kinesis-endpoint URL to use another Kinesis.");
        LOG.info("installing the pinned kinesalite (npm ci in {}), once", dir);
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String said = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new StartupFailedException("npm ci in " + dir + " failed:\n" + said);
            }
        } catch (IOException e) {
            throw new StartupFailedException("npm ci in " + dir + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailedException("interrupted while installing kinesalite", e);
        }
    }

    static void requireTool(String tool, String advice) {
        try {
            Process probe = new ProcessBuilder(List.of(tool, "--version")).redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            throw new StartupFailedException("'" + tool + "' was not found. " + advice, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new StartupFailedException("'" + tool + " --version' failed. " + advice);
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** Closes kinesalite's stdin, which ends it (it ignores signals); from here its exit is expected. */
    private void endLifeline() {
        closing = true;
        try {
            lifeline.close();
        } catch (IOException e) {
            LOG.debug("kinesalite stdin already closed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        endLifeline();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or ran.
            LOG.debug("JVM shutting down; kinesalite hook left in place");
        }
    }
}
