package com.stockpulse.functions.testing;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** The JDK's HTTP server on a free loopback port, started: what the tests' stand-ins of AWS endpoints run on. */
final class LoopbackServer {

    private LoopbackServer() {
    }

    static HttpServer start(HttpHandler handler, Executor executor) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return server;
    }
}
