package com.stockpulse.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.testing.LambdaJarProbe;
import com.stockpulse.model.MetricName;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded Lambda jar, run as Lambda runs it: its own JVM, the environment the stack sets, a handler built through
 * its no-argument constructor. Checks what unit tests cannot: that the shade kept log4j's JSON layout and the
 * Powertools resolver (their plugin caches are merged), so every line on stdout is a JSON document with the
 * request's fields.
 */
class LambdaJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<JsonNode> lines;

    @BeforeAll
    static void runTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("stockpulse.lambdaJar"));
        assertThat(jar).as("the shaded jar, built in the package phase").exists();
        Path testClasses = Path.of(LambdaJarProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = Files.createTempFile("lambda-jar", ".out");
        ProcessBuilder probe = new ProcessBuilder(java, "-cp", jar + File.pathSeparator + testClasses,
                LambdaJarProbe.class.getName(), "request-1", "request-2")
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = probe.environment();
        environment.keySet().removeIf(name -> name.startsWith("STOCKPULSE_") || name.startsWith("POWERTOOLS_")
                || name.startsWith("LOG4J_") || name.startsWith("AWS_"));
        environment.put(FunctionsConfig.LOG_CONFIGURATION, FunctionsConfig.LAMBDA_LOG_CONFIGURATION);
        environment.put("POWERTOOLS_SERVICE_NAME", "Connect");
        environment.put("POWERTOOLS_METRICS_NAMESPACE", MetricName.NAMESPACE);
        environment.put(FunctionsConfig.ALLOWED_ORIGINS, "https://shop.example");
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "Connect");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        Process process = probe.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe finished").isTrue();
        List<String> text = Files.readAllLines(out, StandardCharsets.UTF_8);
        Files.delete(out);
        assertThat(process.exitValue()).as("probe exit; its stdout: %s", text).isZero();
        lines = new ArrayList<>();
        for (String line : text) {
            lines.add(parse(line));
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("a line on stdout is not JSON: " + line, e);
        }
    }

    @Test
    void everyLogLine_carriesTheRequestsFields_andTheConnectionItNames() {
        List<JsonNode> refusals = lines.stream()
                .filter(line -> line.path("message").asText().startsWith("refused connection")).toList();

        assertThat(refusals).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode line = refusals.get(i);
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("function_request_id").asText()).isEqualTo("request-" + (i + 1));
            assertThat(line.path("function_name").asText()).isEqualTo("Connect");
            assertThat(line.path("service").asText()).isEqualTo("Connect");
            assertThat(line.path("connection_id").asText()).isEqualTo(LambdaJarProbe.CONNECTION_ID);
            assertThat(line.path("message").asText()).contains(LambdaJarProbe.FOREIGN_ORIGIN);
            assertThat(line.path("timestamp").asText()).isNotEmpty();
        }
        assertThat(refusals.get(0).path("cold_start").asBoolean()).as("first invocation").isTrue();
        assertThat(refusals.get(1).path("cold_start").asBoolean()).as("second invocation").isFalse();
    }

    @Test
    void eachInvocation_writesItsFiguresAsOneEmfDocument() {
        List<JsonNode> emf = lines.stream().filter(line -> line.has("_aws")).toList();

        assertThat(emf).hasSize(2);
        for (JsonNode document : emf) {
            assertThat(document.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                    .isEqualTo(MetricName.NAMESPACE);
            assertThat(document.path(MetricName.CONNECTS_REFUSED_ORIGIN.metricName()).asDouble()).isEqualTo(1);
        }
    }
}
