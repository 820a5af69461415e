package com.stockpulse.local.web;

import com.stockpulse.local.runtime.StartupFailedException;
import com.stockpulse.model.Json;
import com.stockpulse.model.PageRoute;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code web-demo/} as S3 and CloudFront do on AWS, plus {@code /config.json}, which tells the pages where
 * the WebSocket API is (the deploy writes the same file on AWS). Page paths map to their HTML file as {@link PageRoute}
 * says, the same routes the stack's CloudFront function applies.
 */
public final class LocalWebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalWebServer.class);

    private final Server server;
    private final int port;
    private final String host;

    private LocalWebServer(String host, int port, Path webDir, URI webSocketUrl, OpsApi ops) {
        this.host = host;
        QueuedThreadPool threads = new QueuedThreadPool(50, 4);
        threads.setName("web");
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newResource(webDir));
        files.setDirAllowed(false);
        files.setWelcomeFiles(List.of("index.html"));
        files.setCacheControl("no-cache");
        byte[] config = Json.toString(Map.of("webSocketUrl", webSocketUrl.toString(), "stage", "local"))
                .getBytes(StandardCharsets.UTF_8);
        server.setHandler(new Handler.Wrapper(files) {
            /** The ops endpoint reads request bodies blocking: never run it on a selector thread. */
            @Override
            public InvocationType getInvocationType() {
                return InvocationType.BLOCKING;
            }

            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                if (path.equals("/config.json")) {
                    return send(response, callback, "application/json", config);
                }
                if (ops != null && path.startsWith(OpsApi.ROOT)) {
                    return ops.handle(request, response, callback);
                }
                Optional<Path> page = PageRoute.fileFor(path).map(webDir::resolve).filter(Files::isRegularFile);
                if (page.isPresent()) {
                    return send(response, callback, "text/html; charset=utf-8", Files.readAllBytes(page.get()));
                }
                return super.handle(request, response, callback);
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stop) {
                LOG.debug("web server stop after failed start: {}", stop.toString());
            }
            if (e instanceof IOException && e.getCause() instanceof BindException) {
                throw new StartupFailedException("port " + port + " is taken: stop what uses it or choose another "
                        + "with --web-port", e);
            }
            throw new StartupFailedException("the web server did not start: " + e.getMessage(), e);
        }
        this.port = connector.getLocalPort();
    }

    public static LocalWebServer start(String host, int port, Path webDir, URI webSocketUrl) {
        return start(host, port, webDir, webSocketUrl, null);
    }

    /** With the ops console's endpoint under {@code /ops/api/events} when {@code ops} is given. */
    public static LocalWebServer start(String host, int port, Path webDir, URI webSocketUrl, OpsApi ops) {
        if (!Files.isDirectory(webDir)) {
            throw new StartupFailedException("no web pages at " + webDir);
        }
        return new LocalWebServer(host, port, webDir, webSocketUrl, ops);
    }

    private static boolean send(Response response, Callback callback, String type, byte[] body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    public URI url() {
        return URI.create("http://" + host + ":" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("web server did not stop cleanly: {}", e.toString());
        }
    }
}
