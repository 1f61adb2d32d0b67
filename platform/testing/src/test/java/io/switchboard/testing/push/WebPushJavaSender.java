package io.switchboard.testing.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.PushService;
import nl.martijndwars.webpush.Urgency;
import nl.martijndwars.webpush.Utils;
import org.apache.http.Header;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.util.EntityUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveGenParameterSpec;

/**
 * An application server sending Web Push the way notification-service does: webpush-java 5.1.1 signs the VAPID
 * JWT and encrypts the payload (aes128gcm). {@link #sendCrafted} sends webpush-java's encrypted request with one
 * part replaced, for the refusal tests.
 */
final class WebPushJavaSender {

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    static final String SUBJECT = "mailto:ops@switchboard.example";

    private final KeyPair vapid;
    private final PushService pushService;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebPushJavaSender() {
        this(newVapidKeys());
    }

    WebPushJavaSender(KeyPair vapid) {
        this.vapid = vapid;
        this.pushService = new PushService(vapid, SUBJECT);
    }

    /** A VAPID key pair as webpush-java makes one (Bouncy Castle, prime256v1). */
    static KeyPair newVapidKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("ECDH", BouncyCastleProvider.PROVIDER_NAME);
            generator.initialize(new ECNamedCurveGenParameterSpec("prime256v1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The VAPID public key as {@code GET /api/push/vapid-public-key} would give it (base64url, uncompressed). */
    String publicKey() {
        return WebPushCrypto.base64Url(WebPushCrypto.encode((ECPublicKey) vapid.getPublic()));
    }

    /**
     * The notification for {@code device}, with {@code aud} = the endpoint's origin including its port. webpush-java
     * 5.1.1's {@link Notification#getOrigin()} drops the port (fine for https on 443, wrong for the test push
     * service on a random port), so a sender reaching this server must override it, as here.
     */
    static Notification notification(PushDevice device, String text, int ttl, Urgency urgency, String topic)
            throws Exception {
        var userKey = (org.bouncycastle.jce.interfaces.ECPublicKey) Utils.loadPublicKey(device.p256dh());
        byte[] auth = Base64.getUrlDecoder().decode(device.auth());
        return new Notification(device.endpoint(), userKey, auth, text.getBytes(StandardCharsets.UTF_8), ttl, urgency,
                topic) {
            @Override
            public String getOrigin() {
                URI uri = URI.create(getEndpoint());
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            }
        };
    }

    /** webpush-java's notification as it comes: its {@code aud} has no port. */
    static Notification notificationWithLibraryAudience(PushDevice device, String text) throws Exception {
        var userKey = (org.bouncycastle.jce.interfaces.ECPublicKey) Utils.loadPublicKey(device.p256dh());
        byte[] auth = Base64.getUrlDecoder().decode(device.auth());
        return new Notification(device.endpoint(), userKey, auth, text.getBytes(StandardCharsets.UTF_8), 60, null, null);
    }

    /** Sends with webpush-java's own client; returns the HTTP status. */
    int send(Notification notification) throws Exception {
        return send(notification, Encoding.AES128GCM).status();
    }

    record Answer(int status, String retryAfter, String body) {
    }

    Answer send(Notification notification, Encoding encoding) throws Exception {
        org.apache.http.HttpResponse response = pushService.send(notification, encoding);
        Header retryAfter = response.getFirstHeader("Retry-After");
        String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
        return new Answer(response.getStatusLine().getStatusCode(), retryAfter == null ? null : retryAfter.getValue(),
                body);
    }

    /** What to change in webpush-java's request before it goes out. */
    interface Tamper {
        void apply(HttpRequest.Builder request, HttpPost original) throws Exception;
    }

    /** Sends webpush-java's prepared request (headers and encrypted body), changed by {@code tamper}. */
    Answer sendCrafted(Notification notification, Tamper tamper) throws Exception {
        HttpPost post = pushService.preparePost(notification, Encoding.AES128GCM);
        byte[] body = EntityUtils.toByteArray(post.getEntity());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(notification.getEndpoint()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Header header : post.getAllHeaders()) {
            request.setHeader(header.getName(), header.getValue());
        }
        tamper.apply(request, post);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                response.body());
    }

    /** {@code vapid t=<jwt>, k=<key>} with the given claims, signed by {@code signer}, naming {@code k}. */
    static String vapidAuthorization(String claimsJson, KeyPair signer, String k) throws Exception {
        return vapidAuthorization("{\"typ\":\"JWT\",\"alg\":\"ES256\"}", claimsJson, signer, k);
    }

    static String vapidAuthorization(String headerJson, String claimsJson, KeyPair signer, String k)
            throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(signer.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return "vapid t=" + signingInput + "." + b64.encodeToString(signature.sign()) + ", k=" + k;
    }

    static String claims(String aud, Instant exp, String sub) {
        return "{\"aud\":\"" + aud + "\",\"exp\":" + exp.getEpochSecond()
                + (sub == null ? "" : ",\"sub\":\"" + sub + "\"") + "}";
    }

    KeyPair vapidKeys() {
        return vapid;
    }
}
