package com.stockpulse.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A page that viewers watch, in one normal form: lower case, single slashes, no trailing slash. Two kinds exist:
 * {@code /products/{sku}} shows one SKU, {@code /collections/{name}} shows the SKUs registered for it in the catalog.
 */
public record PageKey(Kind kind, String name) {

    private static final Pattern COLLECTION_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public enum Kind {
        PRODUCT("products"),
        COLLECTION("collections");

        private final String segment;

        Kind(String segment) {
            this.segment = segment;
        }

        /** How the paths of this kind of page start: {@code /products/}, {@code /collections/}. */
        public String pathPrefix() {
            return "/" + segment + "/";
        }
    }

    public static PageKey product(String sku) {
        return new PageKey(Kind.PRODUCT, Sku.normalize(sku));
    }

    public static PageKey collection(String name) {
        return parse(Kind.COLLECTION.pathPrefix() + name, "page");
    }

    public static PageKey parse(String raw) {
        return parse(raw, "page");
    }

    /** Parses and normalizes a page path such as {@code /Products//SKU-1/}, naming {@code field} in any error. */
    public static PageKey parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MISSING_FIELD, field, "a page is required");
        }
        if (raw.length() > Limits.MAX_PAGE_KEY_LENGTH) {
            throw new InvalidMessageException(InvalidMessageException.Problem.INVALID_FIELD, field,
                    "a page has at most " + Limits.MAX_PAGE_KEY_LENGTH + " characters, got " + raw.length());
        }
        if (raw.charAt(0) != '/') {
            throw new InvalidMessageException(InvalidMessageException.Problem.INVALID_FIELD, field,
                    "a page is a path starting with '/'");
        }
        List<String> segments = new ArrayList<>(2);
        for (String segment : Untrusted.asciiLowerCase(raw).split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidMessageException(InvalidMessageException.Problem.INVALID_FIELD, field,
                        "a page may not contain '.' or '..' segments");
            }
            segments.add(segment);
        }
        if (segments.size() == 2) {
            for (Kind kind : Kind.values()) {
                if (kind.segment.equals(segments.get(0))) {
                    return new PageKey(kind, validName(kind, segments.get(1), field));
                }
            }
        }
        throw new InvalidMessageException(InvalidMessageException.Problem.UNKNOWN_VALUE, field,
                "unknown page " + Untrusted.quote(raw) + ": expected /products/{sku} or /collections/{name}");
    }

    private static String validName(Kind kind, String name, String field) {
        if (kind == Kind.PRODUCT) {
            return Sku.normalize(name, field);
        }
        if (name.length() > Limits.MAX_COLLECTION_NAME_LENGTH || !COLLECTION_NAME.matcher(name).matches()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.INVALID_FIELD, field,
                    "a collection name has at most " + Limits.MAX_COLLECTION_NAME_LENGTH
                            + " letters, digits, '.', '_' or '-' and starts with a letter or digit");
        }
        return name;
    }

    /** The normal form, e.g. {@code /products/sku-123}. */
    public String value() {
        return "/" + kind.segment + "/" + name;
    }

    @Override
    public String toString() {
        return value();
    }
}
