package com.stockpulse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What report.html inlines, from {@code report/} on the class path: uPlot, the charting library, vendored under
 * {@code report/uplot} (its version, npm integrity and file hashes in {@code uplot.properties}), and our script that
 * draws the charts with it. Read when a report is written.
 */
final class ReportAssets {

    static final String UPLOT_SCRIPT = "uplot/uPlot.iife.min.js";
    static final String UPLOT_STYLE = "uplot/uPlot.min.css";
    static final String UPLOT_LICENSE = "uplot/LICENSE";
    static final String UPLOT_RECORD = "uplot/uplot.properties";
    static final String CHARTS_SCRIPT = "charts.js";
    private static final String DIR = "report/";

    private ReportAssets() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = ReportAssets.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path at "
                        + ReportAssets.class.getPackageName().replace('.', '/') + "/" + DIR);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIR + name, e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** uPlot's version, npm integrity and the SHA-256 of each vendored file, as recorded when it was vendored. */
    static Properties uPlotRecord() {
        Properties recorded = new Properties();
        try {
            recorded.load(new java.io.StringReader(text(UPLOT_RECORD)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UPLOT_RECORD, e);
        }
        return recorded;
    }

    /**
     * uPlot's script for a {@code <script>} element: its license first (MIT asks for it in every copy), then the
     * minified code without its one-line banner, which only names the project's web page (the report names none, so
     * a reader sees at a glance that it fetches nothing).
     */
    static String uPlotScript() {
        String script = text(UPLOT_SCRIPT);
        if (script.startsWith("/*!")) {
            script = script.substring(script.indexOf("*/") + 2).stripLeading();
        }
        return "/*! uPlot " + uPlotRecord().getProperty("version") + ", vendored from npm.\n"
                + text(UPLOT_LICENSE).strip() + "\n*/\n" + script;
    }
}
