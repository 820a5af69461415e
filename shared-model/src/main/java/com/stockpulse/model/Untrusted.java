package com.stockpulse.model;

/**
 * Text that came from outside (a page, an event id, a field value) and goes into an error message or a log line:
 * quoted, cut short and with every control character escaped, so a value can neither forge a log line (CR/LF) nor
 * flood one.
 */
public final class Untrusted {

    private static final int MAX_QUOTED = 64;

    private Untrusted() {
    }

    /** {@code 'value'} with control characters as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('\'');
        int end = Math.min(value.length(), MAX_QUOTED);
        for (int i = 0; i < end; i++) {
            appendEscaped(quoted, value.charAt(i));
        }
        if (end < value.length()) {
            quoted.append('…');
        }
        return quoted.append('\'').toString();
    }

    /** The whole text with its line breaks and other control characters escaped: one log line stays one line. */
    public static String oneLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
                for (int j = i; j < text.length(); j++) {
                    appendEscaped(escaped, text.charAt(j));
                }
                return escaped.toString();
            }
        }
        return text;
    }

    /** ASCII letters lower-cased and nothing else: {@code K} (U+212A, Kelvin) must not become {@code k}. */
    public static String asciiLowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029';
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (isControl(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }
}
