package io.switchboard.notification.push;

import io.switchboard.notification.push.P256.RawKeyPair;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Security;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.PushService;
import nl.martijndwars.webpush.Urgency;
import nl.martijndwars.webpush.Utils;
import org.apache.http.Header;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.nio.client.methods.HttpAsyncMethods;
import org.apache.http.conn.DnsResolver;
import org.apache.http.impl.conn.SystemDefaultDnsResolver;
import org.apache.http.impl.nio.client.CloseableHttpAsyncClient;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.apache.http.impl.nio.conn.ManagedNHttpClientConnectionFactory;
import org.apache.http.impl.nio.conn.PoolingNHttpClientConnectionManager;
import org.apache.http.impl.nio.reactor.DefaultConnectingIOReactor;
import org.apache.http.impl.nio.reactor.IOReactorConfig;
import org.apache.http.nio.reactor.IOReactorException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one adapter to webpush-java (and BouncyCastle, and Apache's async HTTP client): encrypts a payload with
 * aes128gcm (RFC 8291), signs the VAPID JWT (RFC 8292) with {@link PushService}, and POSTs it through one shared
 * client with connect and overall timeouts. No thread waits for an answer (the client's callback completes the send),
 * and an answer's body is never kept ({@link StatusOnlyConsumer}: status and Retry-After only, at most 8 KB read).
 *
 * <p>SSRF guard at connect time: names are resolved by a resolver that refuses loopback, private and link-local
 * addresses (except for the configured insecure test hosts), so a public-looking name pointing inwards is not
 * followed. Redirects are not followed (a push service does not redirect a POST).
 */
@Component
class WebPushSender implements DisposableBean {

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final PushProperties properties;
    private final EndpointRules rules;
    private final Clock clock;
    private final CloseableHttpAsyncClient client;
    private final Scheduler connectScheduler;

    WebPushSender(PushProperties properties) throws IOReactorException {
        this.properties = properties;
        this.rules = new EndpointRules(properties.insecureEndpointHosts());
        this.clock = Clock.systemUTC();
        int connectMillis = (int) properties.connectTimeout().toMillis();
        int sendMillis = (int) properties.sendTimeout().toMillis();
        DefaultConnectingIOReactor reactor = new DefaultConnectingIOReactor(IOReactorConfig.custom()
                .setConnectTimeout(connectMillis).setSoTimeout(sendMillis).setIoThreadCount(2).build());
        PoolingNHttpClientConnectionManager connections = new PoolingNHttpClientConnectionManager(reactor,
                ManagedNHttpClientConnectionFactory.INSTANCE, new PublicOnlyResolver(rules));
        connections.setMaxTotal(Math.max(20, properties.concurrency() * 4));
        connections.setDefaultMaxPerRoute(Math.max(4, properties.concurrency()));
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(connectMillis).setSocketTimeout(sendMillis)
                        .setConnectionRequestTimeout(sendMillis).setRedirectsEnabled(false).build())
                .disableCookieManagement()
                .build();
        this.client.start();
        // handing a request to the client may resolve the endpoint's name on the calling thread (the pool's lease):
        // a few threads of its own, so a slow DNS holds neither an event loop nor the shared boundedElastic pool
        this.connectScheduler = Schedulers.newBoundedElastic(Math.max(4, properties.concurrency() * 2), 10_000, "push-connect");
    }

    /**
     * Sends one push; never errors (a failure is a {@link PushResult} without an answer). No thread waits for the
     * answer: the request is handed to the async client (on {@code push-connect}, as handing it over may resolve the
     * endpoint's name) and the answer completes the Mono from the client's callback. Only the status line and
     * Retry-After are kept ({@link StatusOnlyConsumer}); the whole send is bounded by the send timeout.
     */
    Mono<PushResult> send(PushMessage message, RawKeyPair vapid) {
        return Mono.fromCallable(() -> prepare(message, vapid))
                .flatMap(prepared -> prepared.refusal() != null ? Mono.just(prepared.refusal()) : post(prepared.post()))
                .subscribeOn(connectScheduler)
                .timeout(properties.sendTimeout(), Mono.fromSupplier(() -> PushResult.noAnswer("no answer within " + properties.sendTimeout())))
                .onErrorResume(unexpected -> Mono.just(PushResult.noAnswer(unexpected.getClass().getSimpleName())));
    }

    private record Prepared(HttpPost post, PushResult refusal) {
    }

    private Prepared prepare(PushMessage message, RawKeyPair vapid) {
        try {
            PushService service = new PushService(new KeyPair(Utils.loadPublicKey(vapid.publicKey()), Utils.loadPrivateKey(vapid.privateKey())),
                    properties.subject());
            Notification notification = new RfcOriginNotification(message.endpoint(),
                    (org.bouncycastle.jce.interfaces.ECPublicKey) Utils.loadPublicKey(message.p256dh().strip()),
                    java.util.Base64.getUrlDecoder().decode(message.auth().strip()), message.payload(),
                    (int) Math.min(Integer.MAX_VALUE, message.ttl().toSeconds()), urgency(message.urgency()), message.topic());
            return new Prepared(service.preparePost(notification, Encoding.AES128GCM), null);
        } catch (GeneralSecurityException | IOException | org.jose4j.lang.JoseException | RuntimeException unusable) {
            // bad keys in the row (only a hand-edited one gets past validation): this will not get better
            return new Prepared(null, PushResult.answered(-1, null, "cannot prepare the push: " + unusable.getClass().getSimpleName()));
        }
    }

    private Mono<PushResult> post(HttpPost post) {
        return Mono.create(sink -> {
            StatusOnlyConsumer consumer = new StatusOnlyConsumer();
            Future<HttpResponse> future = client.execute(HttpAsyncMethods.create(post), consumer, new FutureCallback<>() {
                @Override
                public void completed(HttpResponse response) {
                    sink.success(answered(response));
                }

                @Override
                public void failed(Exception failure) {
                    HttpResponse head = consumer.head();
                    // the head arrived, the body did not end well (too long, cut off, too slow): the status stands
                    sink.success(head != null ? answered(head) : notAnswered(failure));
                }

                @Override
                public void cancelled() {
                    sink.success(PushResult.noAnswer("cancelled"));
                }
            });
            sink.onCancel(() -> future.cancel(true));
        });
    }

    private PushResult answered(HttpResponse response) {
        if (response == null) {
            return PushResult.noAnswer("no answer");
        }
        int status = response.getStatusLine().getStatusCode();
        Header retryAfter = response.getFirstHeader("Retry-After");
        return PushResult.answered(status, retryAfter == null ? null : RetryAfter.parse(retryAfter.getValue(), clock.instant()),
                "HTTP " + status);
    }

    private static PushResult notAnswered(Exception failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof NonPublicAddress refused) {
            return PushResult.refusedEndpoint(refused.getMessage());
        }
        return PushResult.noAnswer(cause.getClass().getSimpleName() + (cause instanceof UnknownHostException ? " (host unknown)" : ""));
    }

    private static Urgency urgency(String urgency) {
        return switch (urgency == null ? "normal" : urgency.toLowerCase(Locale.ROOT)) {
            case "very-low" -> Urgency.VERY_LOW;
            case "low" -> Urgency.LOW;
            case "high" -> Urgency.HIGH;
            default -> Urgency.NORMAL;
        };
    }

    @Override
    public void destroy() throws IOException {
        client.close();
        connectScheduler.dispose();
    }

    /**
     * The VAPID {@code aud} is the endpoint's origin (RFC 8292 section 2), port included when it is not the
     * scheme's default; webpush-java 5.1.1 drops the port, which a push service on another port refuses.
     */
    static final class RfcOriginNotification extends Notification {

        RfcOriginNotification(String endpoint, org.bouncycastle.jce.interfaces.ECPublicKey userPublicKey, byte[] userAuth, byte[] payload,
                              int ttl, Urgency urgency, String topic) {
            super(endpoint, userPublicKey, userAuth, payload, ttl, urgency, topic);
        }

        @Override
        public String getOrigin() {
            java.net.URI uri = java.net.URI.create(getEndpoint());
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
            return scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
        }
    }

    /** Thrown by the resolver for a name that points at a non-public address. */
    static final class NonPublicAddress extends UnknownHostException {
        NonPublicAddress(String host) {
            super("endpoint host " + host + " resolves to a loopback, private or link-local address; refused");
        }
    }

    /** DNS as usual, but a name with any non-public address is refused (unless it is an insecure test host). */
    private static final class PublicOnlyResolver implements DnsResolver {

        private final EndpointRules rules;

        PublicOnlyResolver(EndpointRules rules) {
            this.rules = rules;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            if (rules.isInsecureAllowed(host)) {
                return addresses;
            }
            if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(EndpointRules::isPublic)) {
                throw new NonPublicAddress(host);
            }
            return addresses;
        }
    }
}
