package io.switchboard.testing.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 that plays a browser vendor's push service (RFC 8030) and the browser behind
 * it: it checks each push's VAPID authorization (RFC 8292), decrypts its aes128gcm payload (RFC 8291) with the
 * subscription's private key and records what the device would show. Behaviour switches make it answer 410,
 * 404, 429 with Retry-After, 500/503, or be down (connections refused).
 *
 * <pre>{@code
 * try (TestPushService push = TestPushService.start()) {
 *     PushDevice phone = push.newSubscription(vapidPublicKeyBase64Url);
 *     // hand phone.endpoint(), phone.p256dh(), phone.auth() to the service under test, make it notify
 *     ReceivedPush got = phone.awaitPushes(1, Duration.ofSeconds(10)).getFirst();
 *     assertThat(got.json().get("title").asString()).isEqualTo("Conversation assigned to you");
 * }
 * }</pre>
 *
 * <p>Endpoints are {@code origin() + "/push/" + <random id>}. A request to an unknown endpoint is answered 404 and
 * listed in {@link #unknownEndpointAttempts()}. Answers are chosen per request in this order: the device's
 * {@link PushDevice#answerNext scripted answers}, then the service-wide {@link #answerNext scripted answers}, then
 * the device's {@link PushDevice#answerAlways standing answer}, then the service-wide {@link #answerAlways standing
 * answer}, else {@link PushAnswer#accept() accept} (check, decrypt, 201).
 */
public final class TestPushService implements AutoCloseable {

    static final String PATH = "/push/";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final InetAddress address;
    private final int port;
    private final String origin;
    private final ExecutorService handlers = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("test-push-service-", 0).daemon().factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("test-push-service-timer").daemon().factory());
    private final Map<String, PushDevice> devices = new ConcurrentHashMap<>();
    private final List<PushDevice> deviceOrder = new ArrayList<>();
    private final List<PushAttempt> unknownEndpoint = new ArrayList<>();
    private final Deque<PushAnswer> scripted = new ArrayDeque<>();
    private PushAnswer standing;

    private HttpServer server;
    private ScheduledFuture<?> comeBack;
    private boolean closed;

    private TestPushService(HttpServer server) {
        this.server = server;
        this.address = server.getAddress().getAddress();
        this.port = server.getAddress().getPort();
        this.origin = "http://" + address.getHostAddress() + ":" + port;
    }

    /** Starts a push service on 127.0.0.1 and a free port. */
    public static TestPushService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            TestPushService service = new TestPushService(server);
            service.serve(server);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test push service", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the audience ({@code aud}) every VAPID JWT sent here must name. */
    public String origin() {
        return origin;
    }

    public int port() {
        return port;
    }

    // ---- subscriptions ----

    /** A device subscribed without {@code applicationServerKey}: pushes signed by any VAPID key are accepted. */
    public PushDevice newSubscription() {
        return subscribe(null);
    }

    /**
     * A device subscribed with {@code applicationServerKey} (the application server's VAPID public key, base64url
     * of the uncompressed point): a push signed with any other key is rejected 403, as browsers' push services do.
     */
    public PushDevice newSubscription(String applicationServerKey) {
        String normalized = WebPushCrypto.base64Url(WebPushCrypto.encode(
                WebPushCrypto.publicKey(WebPushCrypto.base64Url(applicationServerKey))));
        return subscribe(normalized);
    }

    private PushDevice subscribe(String applicationServerKey) {
        byte[] idBytes = new byte[24];
        RANDOM.nextBytes(idBytes);
        String id = WebPushCrypto.base64Url(idBytes);
        byte[] auth = new byte[16];
        RANDOM.nextBytes(auth);
        PushDevice device = new PushDevice(id, origin + PATH + id, WebPushCrypto.newKeyPair(), auth,
                applicationServerKey);
        devices.put(id, device);
        synchronized (this) {
            deviceOrder.add(device);
        }
        return device;
    }

    /** Every device subscribed here, in creation order. */
    public synchronized List<PushDevice> devices() {
        return List.copyOf(deviceOrder);
    }

    /** The device with this endpoint URL. */
    public PushDevice device(String endpoint) {
        if (endpoint.startsWith(origin + PATH)) {
            PushDevice device = devices.get(endpoint.substring((origin + PATH).length()));
            if (device != null) {
                return device;
            }
        }
        throw new IllegalArgumentException("no device subscribed at " + endpoint);
    }

    /** Every delivered push to any device, in arrival order. */
    public List<ReceivedPush> received() {
        return devices().stream().flatMap(d -> d.received().stream())
                .sorted(Comparator.comparing(ReceivedPush::receivedAt)).toList();
    }

    /** Every request to any endpoint (known or not), in arrival order. */
    public List<PushAttempt> attempts() {
        List<PushAttempt> all = new ArrayList<>(unknownEndpointAttempts());
        devices().forEach(d -> all.addAll(d.attempts()));
        all.sort(Comparator.comparing(PushAttempt::at));
        return all;
    }

    /** Requests to endpoints no device has (answered 404). */
    public synchronized List<PushAttempt> unknownEndpointAttempts() {
        return List.copyOf(unknownEndpoint);
    }

    // ---- service-wide behaviour switches ----

    /** Answers every following request (to any device) with {@code answer} until changed. */
    public synchronized TestPushService answerAlways(PushAnswer answer) {
        standing = answer;
        return this;
    }

    /** Answers the next {@code count} requests (to any device, counted together) with {@code answer}. */
    public synchronized TestPushService answerNext(int count, PushAnswer answer) {
        for (int i = 0; i < count; i++) {
            scripted.addLast(answer);
        }
        return this;
    }

    /** Drops the service-wide scripted and standing answers (devices keep theirs). */
    public synchronized TestPushService resetAnswers() {
        scripted.clear();
        standing = null;
        return this;
    }

    /**
     * Goes down: the listening socket closes, open connections are dropped, new connections are refused until
     * {@link #comeBack()}. Requests that never arrive are not counted as attempts.
     */
    public synchronized void goDown() {
        cancelComeBack();
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Down for {@code period}, then back on the same port by itself. */
    public synchronized void goDownFor(Duration period) {
        goDown();
        comeBack = timer.schedule(this::comeBack, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Listens again on the same port (retrying the bind for up to 5 s). */
    public synchronized void comeBack() {
        cancelComeBack();
        if (closed || server != null) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                HttpServer restarted = HttpServer.create(new InetSocketAddress(address, port), 64);
                serve(restarted);
                server = restarted;
                notifyAll();
                return;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("the test push service cannot listen on port " + port + " again", e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException("interrupted while coming back", e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the test push service cannot listen again", e);
            }
        }
    }

    /** Waits until the service listens again (after {@link #goDownFor}); fails after {@code timeout}. */
    public synchronized void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (server == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) {
                throw new AssertionError("the test push service at " + origin + " is still down after " + timeout);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the test push service to come back", e);
            }
        }
    }

    public synchronized boolean isDown() {
        return server == null;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            cancelComeBack();
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        timer.shutdownNow();
        handlers.shutdownNow();
    }

    private void cancelComeBack() {
        if (comeBack != null) {
            comeBack.cancel(false);
            comeBack = null;
        }
    }

    // ---- serving ----

    private void serve(HttpServer server) {
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    private synchronized PushAnswer serviceScripted() {
        return scripted.pollFirst();
    }

    private synchronized PushAnswer serviceStanding() {
        return standing;
    }

    private PushAnswer answerFor(PushDevice device) {
        PushAnswer answer = device.takeScripted();
        if (answer == null) {
            answer = serviceScripted();
        }
        if (answer == null) {
            answer = device.standingAnswer();
        }
        if (answer == null) {
            answer = serviceStanding();
        }
        return answer == null ? PushAnswer.accept() : answer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant at = Instant.now();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String endpoint = origin + path;
            PushDevice device = path.startsWith(PATH) ? devices.get(path.substring(PATH.length())) : null;
            if (device == null) {
                String reason = "no subscription at " + path;
                synchronized (this) {
                    unknownEndpoint.add(new PushAttempt(endpoint, at, PushAttempt.Outcome.REJECTED, 404, reason, null));
                }
                respond(exchange, 404, null, reason);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                String reason = "method " + exchange.getRequestMethod() + " not allowed; a push is a POST";
                device.record(new PushAttempt(endpoint, at, PushAttempt.Outcome.REJECTED, 405, reason, null), null);
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, null, reason);
                return;
            }
            PushAnswer answer = answerFor(device);
            if (!answer.accepts()) {
                String reason = "answered " + answer.status() + " by a behaviour switch";
                device.record(new PushAttempt(endpoint, at, PushAttempt.Outcome.REFUSED, answer.status(), reason,
                        answer.retryAfterSeconds()), null);
                respond(exchange, answer.status(), answer.retryAfterSeconds(), reason);
                return;
            }
            ReceivedPush push;
            try {
                push = PushRequestCheck.check(device, origin, exchange.getRequestHeaders(), body, at);
            } catch (PushRequestCheck.Rejected rejected) {
                device.record(new PushAttempt(endpoint, at, PushAttempt.Outcome.REJECTED, rejected.status,
                        rejected.getMessage(), null), null);
                respond(exchange, rejected.status, null, rejected.getMessage());
                return;
            }
            device.record(new PushAttempt(endpoint, at, PushAttempt.Outcome.DELIVERED, 201, null, null), push);
            byte[] messageId = new byte[12];
            RANDOM.nextBytes(messageId);
            exchange.getResponseHeaders().set("Location", origin + "/message/" + WebPushCrypto.base64Url(messageId));
            exchange.getResponseHeaders().set("TTL", Long.toString(push.ttl()));
            exchange.sendResponseHeaders(201, -1);
        }
    }

    /** Error bodies shaped like Mozilla autopush's: {@code {"code":..,"error":"..","message":".."}}. */
    private static void respond(HttpExchange exchange, int status, Long retryAfterSeconds, String reason)
            throws IOException {
        if (retryAfterSeconds != null) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] json = ("{\"code\":" + status + ",\"error\":\"" + error(status) + "\",\"message\":\""
                + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    private static String error(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    @Override
    public String toString() {
        return "TestPushService[" + origin + "]";
    }
}
