package com.stockpulse.model;

import java.util.regex.Pattern;

/**
 * Stock keeping unit identifiers. SKUs are case-insensitive; the normal form is lower case, so that the product page
 * {@code /products/sku-123} and the event for {@code SKU-123} name the same item.
 */
public final class Sku {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private Sku() {
    }

    /** Returns the normal form of {@code raw}, or throws naming {@code field} and the reason. */
    public static String normalize(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MISSING_FIELD, field, "a SKU is required");
        }
        if (raw.length() > Limits.MAX_SKU_LENGTH) {
            throw new InvalidMessageException(InvalidMessageException.Problem.INVALID_FIELD, field,
                    "a SKU has at most " + Limits.MAX_SKU_LENGTH + " characters, got " + raw.length());
        }
        String sku = Untrusted.asciiLowerCase(raw);
        if (!ALLOWED.matcher(sku).matches()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.INVALID_FIELD, field,
                    "a SKU starts with a letter or digit and holds only letters, digits, '.', '_' and '-'");
        }
        return sku;
    }

    public static String normalize(String raw) {
        return normalize(raw, "sku");
    }
}
