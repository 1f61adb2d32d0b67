package io.switchboard.identity.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for org-service's internal seat API ({@code PUT|DELETE /internal/orgs/{orgId}/seat-reservations/{id}})
 * in identity-service's own integration tests: records each call with its Authorization header and answers
 * 204, or 409 seat-limit-reached for orgs told to be full. (The e2e tests run the real org-service.)
 */
final class FakeOrgService implements AutoCloseable {

    record Call(String method, String path, String authorization, String body) {
        UUID orgId() {
            return UUID.fromString(path.split("/")[3]);
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<UUID> fullOrgs = ConcurrentHashMap.newKeySet();

    private FakeOrgService(HttpServer server) {
        this.server = server;
    }

    static FakeOrgService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeOrgService fake = new FakeOrgService(server);
            server.createContext("/internal/orgs/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body);
                fake.calls.add(call);
                if (call.method().equals("PUT") && fake.fullOrgs.contains(call.orgId())) {
                    byte[] problem = ("{\"type\":\"https://switchboard.dev/problems/seat-limit-reached\",\"status\":409,"
                            + "\"detail\":\"All 1 agent seats are taken. Need more seats? Contact support or upgrade your plan.\","
                            + "\"seatLimit\":1,\"seatsTaken\":1}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                    exchange.sendResponseHeaders(409, problem.length);
                    exchange.getResponseBody().write(problem);
                } else {
                    exchange.sendResponseHeaders(204, -1);
                }
                exchange.close();
            });
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls(UUID orgId) {
        return calls.stream().filter(call -> call.orgId().equals(orgId)).toList();
    }

    void full(UUID orgId) {
        fullOrgs.add(orgId);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
