package com.stockpulse.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stand-in for S3 and CloudFront: files, page routes and the config the pages read. */
class LocalWebServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path web;

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesConfigFilesAndPageRoutes() throws Exception {
        Files.writeString(web.resolve("index.html"), "home");
        Files.writeString(web.resolve("product.html"), "product");
        Files.writeString(web.resolve("collection.html"), "listing");
        Files.writeString(web.resolve("ops.html"), "console");
        Files.writeString(web.resolve("ops.js"), "script");
        try (LocalWebServer server = LocalWebServer.start("127.0.0.1", 0, web, URI.create("ws://127.0.0.1:9/"))) {
            HttpResponse<String> config = get(server.url().resolve("/config.json"));
            assertThat(config.statusCode()).isEqualTo(200);
            assertThat(config.body()).contains("\"webSocketUrl\":\"ws://127.0.0.1:9/\"");
            assertThat(get(server.url().resolve("/")).body()).isEqualTo("home");
            assertThat(get(server.url().resolve("/products/sku-1")).body()).isEqualTo("product");
            assertThat(get(server.url().resolve("/collections/summer")).body()).isEqualTo("listing");
            assertThat(get(server.url().resolve("/ops")).body()).isEqualTo("console");
            assertThat(get(server.url().resolve("/ops.js")).body()).isEqualTo("script");
            assertThat(get(server.url().resolve("/no-such-file.js")).statusCode()).isEqualTo(404);
        }
    }
}
