package im.kith.acme;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A minimal ACME server on 127.0.0.1 that serves its directory and nonces but answers every account
 * request with RFC 8555 §6.6's {@code rateLimited} error and a Retry-After date: the situation Let's
 * Encrypt creates when a server re-registers too often.
 */
final class RateLimitingCa implements AutoCloseable {
    private final HttpsServer server;
    private final Path caCertificate;
    private final Instant retryAfter;

    private RateLimitingCa(HttpsServer server, Path caCertificate, Instant retryAfter) {
        this.server = server;
        this.caCertificate = caCertificate;
        this.retryAfter = retryAfter;
    }

    static RateLimitingCa start(Path workDir, Instant retryAfter) throws Exception {
        KeyCertPair tls = TestCertificates.localhost();
        Path cert = workDir.resolve("ratelimiting-ca.pem");
        TestCertificates.write(tls, cert, workDir.resolve("ratelimiting-ca-key.pem"));
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(tls)));
        RateLimitingCa ca = new RateLimitingCa(server, cert, retryAfter);
        server.createContext("/", ca::handle);
        server.start();
        return ca;
    }

    URI directory() {
        return URI.create(base() + "/dir");
    }

    Path caCertificate() {
        return caCertificate;
    }

    private String base() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Replay-Nonce", UUID.randomUUID().toString().replace("-", ""));
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            switch (exchange.getRequestURI().getPath()) {
                case "/dir" -> respond(exchange, 200, "application/json", """
                        {"newNonce": "%1$s/nonce", "newAccount": "%1$s/account", "newOrder": "%1$s/order",
                         "meta": {"termsOfService": "%1$s/terms"}}""".formatted(base()));
                case "/nonce" -> {
                    exchange.sendResponseHeaders(exchange.getRequestMethod().equals("HEAD") ? 200 : 204, -1);
                }
                default -> {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Retry-After",
                            DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAfter.atOffset(ZoneOffset.UTC)));
                    respond(exchange, 429, "application/problem+json", """
                            {"type": "urn:ietf:params:acme:error:rateLimited",
                             "detail": "too many new registrations from this address", "status": 429}""");
                }
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
