package com.stockpulse.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which HTML file of web-demo/ serves a page path, declared once: the local web server maps paths with it, and the
 * stack writes the same rules into the CloudFront function in front of the S3 bucket.
 */
public enum PageRoute {

    PRODUCT(PageKey.Kind.PRODUCT.pathPrefix(), Match.PREFIX, "product.html"),
    COLLECTION(PageKey.Kind.COLLECTION.pathPrefix(), Match.PREFIX, "collection.html"),
    OPS("/ops", Match.EXACT_OR_SLASH, "ops.html");

    /** How a path is matched: starting with the route, or being it (with or without a trailing slash). */
    public enum Match { PREFIX, EXACT_OR_SLASH }

    private final String path;
    private final Match match;
    private final String file;

    PageRoute(String path, Match match, String file) {
        this.path = path;
        this.match = match;
        this.file = file;
    }

    public String path() {
        return path;
    }

    public Match match() {
        return match;
    }

    /** The page's file, relative to the site's root. */
    public String file() {
        return file;
    }

    public boolean matches(String requestPath) {
        return switch (match) {
            case PREFIX -> requestPath.startsWith(path);
            case EXACT_OR_SLASH -> requestPath.equals(path) || requestPath.equals(path + "/");
        };
    }

    /** The file that serves a request path; empty for paths that name a file themselves. */
    public static Optional<String> fileFor(String requestPath) {
        return Arrays.stream(values()).filter(route -> route.matches(requestPath)).findFirst().map(PageRoute::file);
    }
}
