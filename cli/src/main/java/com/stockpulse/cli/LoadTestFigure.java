package com.stockpulse.cli;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One figure of a load test, declared once (in {@link LoadTestFigures}) and written by every output: its place in
 * result.json, its label in the report, its unit, and how it reads as text on the console and in the report.
 *
 * @param key    its path in result.json, dotted for a nested object ({@code "postsPerSecond.maxPerSecond"})
 * @param label  what the report's table of all figures calls it
 * @param unit   what one of it is; the text puts the unit's suffix after the number
 * @param value  where the result holds it
 * @param format how it goes into result.json and reads as text
 */
record LoadTestFigure<T>(String key, String label, Unit unit, Function<LoadTestResult, T> value,
                         Format<? super T> format) {

    /** What a figure counts or measures: how its text ends, and what a chart's axis calls it ("" for a count). */
    enum Unit {
        COUNT("", ""), MILLISECONDS(" ms", "ms"), SECONDS(" s", "s"), PER_SECOND("/s", "per second"),
        PERCENT("%", "%"), PER_VIEWER(" per viewer", "per viewer"), VERDICT("", ""), TEXT("", ""), SERIES("", "");

        final String suffix;
        final String axis;

        Unit(String suffix, String axis) {
            this.suffix = suffix;
            this.axis = axis;
        }
    }

    /**
     * How a value goes into result.json, and how it reads as text followed by a suffix (its unit's, or "").
     */
    record Format<T>(Function<T, Object> json, BiFunction<T, String, String> text) {
    }

    /** Its value as result.json holds it. */
    Object json(LoadTestResult result) {
        return format.json().apply(value.apply(result));
    }

    /** Its text with its unit: {@code 146.0 ms}. */
    String text(LoadTestResult result) {
        return format.text().apply(value.apply(result), unit.suffix);
    }

    /** Its text without the unit, for a row that names the unit once for several figures: {@code 146.0}. */
    String number(LoadTestResult result) {
        return format.text().apply(value.apply(result), "");
    }

    /** A whole number as the pattern writes it ({@code "%,d"} groups thousands, {@code "%d"} does not). */
    static Format<Number> integer(String pattern) {
        return new Format<>(value -> value,
                (value, suffix) -> String.format(Locale.ROOT, pattern, value.longValue()) + suffix);
    }

    static Format<Double> decimal(String pattern) {
        return new Format<>(value -> value, (value, suffix) -> String.format(Locale.ROOT, pattern, value) + suffix);
    }

    /** A share of one, read as a percentage ({@code 0.75} reads {@code 75.0%}); result.json keeps the share. */
    static Format<Double> percentOf(String pattern) {
        return new Format<>(value -> value,
                (value, suffix) -> String.format(Locale.ROOT, pattern, 100 * value) + suffix);
    }

    /** The same text, rounded to three decimals in result.json (a mean or a share, not a measured time). */
    static Format<Double> roundedInJson(Format<Double> format) {
        return new Format<>(value -> Math.round(value * 1000) / 1000.0, format.text());
    }

    /** A number, or {@code absentText} while it is {@code absent} (a sentinel result.json keeps as it is). */
    static Format<Double> decimalOr(double absent, String absentText, String pattern) {
        Format<Double> decimal = decimal(pattern);
        return new Format<>(value -> value,
                (value, suffix) -> value == absent ? absentText : decimal.text().apply(value, suffix));
    }

    static Format<Boolean> verdict(String yes, String no) {
        return new Format<>(value -> value, (value, suffix) -> value ? yes : no);
    }

    /** Text, null in result.json and "none" in the report when there is none. */
    static Format<String> text() {
        return new Format<>(value -> value, (value, suffix) -> value == null ? "none" : value);
    }

    /** A series the report charts; its text says how long it is. */
    static <T> Format<T> series(ToIntFunction<T> length) {
        return new Format<>(value -> value, (value, suffix) -> String.format(Locale.ROOT, "%,d values, charted",
                length.applyAsInt(value)));
    }
}
