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
 * anyway; the token check (docs/contracts.md, "Who may connect") is the step up that stops scripts too. {@code Origin: null}
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
        return allows(origin, Optional.empty());
    }

    /**
     * The same, knowing the upgrade's {@code Host} header: an {@code Origin} that names the WebSocket API's own host
     * is no page (no page is served from there) but a script's default, as Python's websocket-client sends it, and
     * counts as no {@code Origin}.
     */
    public boolean allows(Optional<String> origin, Optional<String> host) {
        if (origin.isEmpty() || any) {
            return true;
        }
        String value = origin.get().strip();
        if (host.isPresent() && namesHost(value, host.get().strip())) {
            return true;
        }
        return normalized(value).map(origins::contains).orElse(false);
    }

    /**
     * Whether {@code origin} is {@code host} (a Host header: host, optional port) under http or https: both
     * normalized as origins, under the origin's scheme.
     */
    private static boolean namesHost(String origin, String host) {
        Optional<String> named = normalized(origin);
        if (named.isEmpty() || !(named.get().startsWith("http://") || named.get().startsWith("https://"))) {
            return false;
        }
        String scheme = named.get().substring(0, named.get().indexOf("://"));
        return named.equals(normalized(scheme + "://" + host));
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
