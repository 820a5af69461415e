package com.stockpulse.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The web origins whose pages may open a socket ({@code $connect}'s {@code Origin} header), from a setting such as
 * {@code https://shop.example, https://www.shop.example}; {@code *} allows any.
 *
 * <p>A browser always sends {@code Origin} on a WebSocket upgrade and a page cannot change it, so this stops other
 * sites' pages from holding sockets through shoppers' browsers. A request without {@code Origin} is not a browser
 * (the CLI, the load test, a script): it is let through, because any such client could send an allowed origin
 * anyway; the token check (README, "Who may connect") is the step up that stops scripts too. {@code Origin: null}
 * (a sandboxed frame, a file) is always refused unless any origin is allowed: it names no site to allow.
 */
public final class AllowedOrigins {

    private final boolean any;
    private final Set<String> origins;

    private AllowedOrigins(boolean any, Set<String> origins) {
        this.any = any;
        this.origins = Set.copyOf(origins);
    }

    public static AllowedOrigins any() {
        return new AllowedOrigins(true, Set.of());
    }

    /**
     * Parses a comma-separated list. Each entry is {@code *} or a scheme, host and optional port, as a browser
     * sends it (a trailing slash is forgiven); a path, query or user part is refused, so a typo does not silently allow nothing.
     */
    public static AllowedOrigins parse(String setting) {
        boolean any = false;
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : setting.split(",")) {
            String origin = entry.strip();
            if (origin.isEmpty()) {
                continue;
            }
            if (origin.equals("*")) {
                any = true;
            } else {
                origins.add(normalized(origin).orElseThrow(() -> new IllegalArgumentException(
                        Untrusted.quote(origin) + " is not an origin: write scheme://host[:port], e.g. https://shop.example")));
            }
        }
        return new AllowedOrigins(any, origins);
    }

    /** Whether a connect with this {@code Origin} header (empty when absent) may open. */
    public boolean allows(Optional<String> origin) {
        if (origin.isEmpty() || any) {
            return true;
        }
        return normalized(origin.get().strip()).map(origins::contains).orElse(false);
    }

    /** Lower-case scheme and host, the port only when it is not the scheme's default. */
    private static Optional<String> normalized(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            String path = uri.getRawPath();
            boolean bare = (path == null || path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (scheme == null || host == null || !bare) {
                return Optional.empty();
            }
            scheme = Untrusted.asciiLowerCase(scheme);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            return Optional.of(scheme + "://" + Untrusted.asciiLowerCase(host) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return any ? "*" : String.join(", ", origins);
    }
}
