package com.stockpulse.cli;

import com.stockpulse.model.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a load test's result: the console summary, result.json and a self-contained report.html, each from the
 * figures of {@link LoadTestFigures}.
 */
final class LoadTestReport {

    private LoadTestReport() {
    }

    static void write(LoadTestResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("result.json"), Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json(result)), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.html"), LoadTestHtml.render(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    /** result.json: each figure at its key, in an object per dotted part ({@code postsPerSecond.maxPerSecond}). */
    static Map<String, Object> json(LoadTestResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (LoadTestFigure<?> figure : LoadTestFigures.of(result)) {
            put(json, figure.key(), figure.json(result));
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> json, String key, Object value) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            json.put(key, value);
            return;
        }
        Object inner = json.computeIfAbsent(key.substring(0, dot), part -> new LinkedHashMap<String, Object>());
        put((Map<String, Object>) inner, key.substring(dot + 1), value);
    }

    static void printSummary(LoadTestResult result, PrintWriter out, Path dir) {
        String rule = "-".repeat(70);
        out.println(rule);
        rows(out, LoadTestSummary.HEADLINE, result);
        out.println(rule);
        rows(out, LoadTestSummary.details(result), result);
        out.println(rule);
        LoadTestSummary.NOTES.forEach(out::println);
        out.println("report: " + dir.resolve("report.html") + "   result: " + dir.resolve("result.json"));
        out.flush();
    }

    private static void rows(PrintWriter out, List<LoadTestSummary.Row> rows, LoadTestResult result) {
        rows.forEach(row -> out.printf("%-32s %s%n", row.label(), row.text(result)));
    }
}
