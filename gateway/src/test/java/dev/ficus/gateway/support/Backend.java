package dev.ficus.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP backend on loopback standing in for the monolith or an extracted service. It records every request
 * as it arrived (raw and decoded path, headers, body) and answers stubbed JSON by method and exact path, or by
 * default an echo naming itself, so a test can tell which backend served a request.
 */
public final class Backend {

    private final String name;

    private final HttpServer server;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private final Map<String, Function<Received, Reply>> stubs = new ConcurrentHashMap<>();

    private Backend(String name) {
        this.name = name;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static Backend start(String name) {
        return new Backend(name);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String name() {
        return name;
    }

    /** Answers {@code method path} (path without query) with the given status and JSON body. */
    public void stub(String method, String path, int status, String json) {
        stub(method, path, status, json, Map.of());
    }

    public void stub(String method, String path, int status, String json, Map<String, String> headers) {
        stubs.put(method + " " + path, request -> new Reply(status, json, headers));
    }

    /** Answers {@code method path} with whatever the responder computes from the request. */
    public void stub(String method, String path, Function<Received, Reply> responder) {
        stubs.put(method + " " + path, responder);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests whose decoded path starts with the prefix. */
    public List<Received> receivedUnder(String prefix) {
        return received.stream()
                .filter(request -> request.path().startsWith(prefix))
                .toList();
    }

    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        var request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                copy(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8));
        received.add(request);

        @Nullable Function<Received, Reply> stub = stubs.get(request.method() + " " + request.path());
        Reply reply = stub != null ? stub.apply(request)
                : new Reply(200, "{\"backend\":\"" + name + "\",\"method\":\"" + request.method() + "\"}", Map.of());
        String type = reply.status() >= 400 ? "application/problem+json" : "application/json";

        // An empty stub answers without body and without Content-Type, as some backends do on errors.
        byte[] bytes = reply.json().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(reply.status(), bytes.length > 0 ? bytes.length : -1);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, List<String>> copy(Headers headers) {
        var copy = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        return copy;
    }

    /** One request as the backend saw it. */
    public record Received(String method, String rawPath, String path, @Nullable String rawQuery,
            Map<String, List<String>> headers, String body) {

        public @Nullable String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /** A stubbed answer. */
    public record Reply(int status, String json, Map<String, String> headers) {
    }
}
