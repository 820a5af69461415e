package com.stockpulse.cli;

import java.nio.file.Path;

/**
 * Writes the report of the full made-up run ({@link LoadTestFixtures#full()}) into a folder, to look at report.html
 * in a browser without running a load test:
 * {@code java -cp cli/target/test-classes:cli/target/classes:$(cat cli/target/runtime-classpath.txt)
 * com.stockpulse.cli.LoadTestReportPreview DIR}.
 */
final class LoadTestReportPreview {

    private LoadTestReportPreview() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/loadtest-preview");
        LoadTestReport.write(LoadTestFixtures.full(), dir);
        System.out.println(dir.resolve("report.html").toAbsolutePath());
    }
}
