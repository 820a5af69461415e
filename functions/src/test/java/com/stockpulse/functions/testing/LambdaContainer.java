package com.stockpulse.functions.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * One Lambda execution environment for the shaded jar, laid out as Lambda lays out a Java function: the jar in
 * {@code {task root}/lib}, loaded by the runtime's own class loader under AWS's runtime interface client
 * ({@code aws-lambda-java-runtime-interface-client}), which sits on the system class path with only what it needs.
 * Nothing of the test's class path reaches the function. The runtime talks to a {@link RuntimeApi}.
 */
public final class LambdaContainer implements AutoCloseable {

    /** Points {@code org.crac} at the runtime's own CRaC implementation, as Lambda's SnapStart runtime does. */
    public static final String CRAC_BRIDGE = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private final Process process;
    private final Path taskRoot;
    private final Path output;
    private final long startedNanos;

    private LambdaContainer(Process process, Path taskRoot, Path output, long startedNanos) {
        this.process = process;
        this.taskRoot = taskRoot;
        this.output = output;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code handler} ({@code package.Class::handleRequest}) from {@code lambdaJar} with {@code environment}
     * (the function's own variables; the runtime's reserved ones are added here). {@code snapStart}: initialize as
     * SnapStart does (before-checkpoint hooks, {@code restore/next}, after-restore hooks) with the CRaC bridge on.
     */
    public static LambdaContainer start(Path lambdaJar, String handler, Map<String, String> environment,
                                        RuntimeApi runtimeApi, boolean snapStart) {
        return start(List.of(lambdaJar), handler, environment, runtimeApi, snapStart);
    }

    /** The same, with more jars beside the function's in {@code lib/} (as a deployment package's dependencies). */
    public static LambdaContainer start(List<Path> jars, String handler, Map<String, String> environment,
                                        RuntimeApi runtimeApi, boolean snapStart) {
        Path taskRoot = null;
        Path output = null;
        try {
            taskRoot = Files.createTempDirectory("lambda-task");
            Files.createDirectories(taskRoot.resolve("lib"));
            for (Path jar : jars) {
                Files.copy(jar, taskRoot.resolve("lib").resolve(jar.getFileName()));
            }
            output = Files.createTempFile("lambda-output", ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            if (snapStart) {
                command.add(CRAC_BRIDGE);
            }
            command.add("-cp");
            command.add(runtimeClassPath());
            command.add(AWSLambda.class.getName());
            command.add(handler);
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("STOCKPULSE_") || name.startsWith("POWERTOOLS_")
                    || name.startsWith("LOG4J_") || name.startsWith("AWS_") || name.startsWith("JAVA_")
                    || name.startsWith("_JAVA") || name.equals("CLASSPATH"));
            env.putAll(reserved(runtimeApi, taskRoot, environment, snapStart));
            env.putAll(environment);
            long started = System.nanoTime();
            return new LambdaContainer(builder.start(), taskRoot, output, started);
        } catch (IOException e) {
            delete(taskRoot, output);
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the task root and the output file, as far as they were made. */
    private static void delete(Path taskRoot, Path output) {
        try {
            if (taskRoot != null) {
                try (Stream<Path> files = Files.walk(taskRoot)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            if (output != null) {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variables Lambda sets in every execution environment (AWS docs, "Defined runtime environment variables"). */
    private static Map<String, String> reserved(RuntimeApi runtimeApi, Path taskRoot, Map<String, String> own,
                                                boolean snapStart) {
        String name = own.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "function");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "7");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/04/[7]0123456789abcdef");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "ASIALOCALTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "local-test-secret");
        env.put("AWS_SESSION_TOKEN", "local-test-token");
        env.put("TZ", ":UTC");
        // What the stack sets on every function (StackFunctions): C1 only, as AWS recommends for short invocations.
        env.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        return env;
    }

    /** The runtime interface client and the jars it needs, found where the test's class path has them. */
    private static String runtimeClassPath() {
        return Stream.of(AWSLambda.class, PojoSerializer.class, Context.class, SdkInternalThreadLocal.class)
                .map(LambdaContainer::jarOf).distinct().reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nanoseconds between the start of the JVM's process and {@code instant} (a {@link System#nanoTime()}). */
    public long nanosSinceStart(long instant) {
        return instant - startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * What {@code pending} (a {@link RuntimeApi} future) completes with, waiting at most {@code timeout}; empty when
     * this environment's process ends first or the time runs out.
     */
    public <T> Optional<T> await(CompletableFuture<T> pending, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return Optional.of(pending.get(100, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (!process.isAlive() && !pending.isDone()) {
                    return Optional.empty();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The exit code, once the runtime has stopped by itself within {@code seconds}; -1 if it still runs. */
    public int exitCode(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** What the function and the runtime wrote to stdout and stderr so far, line by line. */
    public List<String> output() {
        try {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the environment (the runtime loops until Lambda freezes or ends it) and removes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(taskRoot, output);
        }
    }
}
