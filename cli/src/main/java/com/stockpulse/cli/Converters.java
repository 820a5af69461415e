package com.stockpulse.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses "200/s", "60s", "2m", "500ms" as the commands' help shows them. */
final class Converters {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:/s)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");

    private Converters() {
    }

    /** Events (or connections) per second. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            Matcher matcher = RATE.matcher(value.trim());
            if (!matcher.matches() || Double.parseDouble(matcher.group(1)) <= 0) {
                throw new TypeConversionException("'" + value + "' is not a rate: write it like 200/s");
            }
            return Double.parseDouble(matcher.group(1));
        }
    }

    /** A share written as a percentage, 0% to 100%, as a fraction. */
    static final class Percent implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            Matcher matcher = PERCENT.matcher(value.trim());
            if (!matcher.matches() || Double.parseDouble(matcher.group(1)) > 100) {
                throw new TypeConversionException("'" + value + "' is not a share: write it like 2% (0% to 100%)");
            }
            return Double.parseDouble(matcher.group(1)) / 100;
        }
    }

    static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher matcher = DURATION.matcher(value.trim());
            if (!matcher.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration: write it like 500ms, 60s, 2m or 1h");
            }
            long amount = Long.parseLong(matcher.group(1));
            Duration duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (duration.isZero()) {
                throw new TypeConversionException("a duration must be more than zero");
            }
            return duration;
        }
    }
}
