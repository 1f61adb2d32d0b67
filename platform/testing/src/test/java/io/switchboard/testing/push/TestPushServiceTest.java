package io.switchboard.testing.push;

import static io.switchboard.testing.push.WebPushJavaSender.claims;
import static io.switchboard.testing.push.WebPushJavaSender.notification;
import static io.switchboard.testing.push.WebPushJavaSender.vapidAuthorization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Urgency;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test push service against webpush-java 5.1.1, the sender notification-service uses. */
class TestPushServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static TestPushService push;
    private static WebPushJavaSender sender;

    @BeforeAll
    static void start() {
        push = TestPushService.start();
        sender = new WebPushJavaSender();
    }

    @AfterAll
    static void stop() {
        push.close();
    }

    // ---- delivered ----

    @Test
    void subscription_looksLikeABrowsersPushSubscriptionJson() {
        PushDevice phone = push.newSubscription();

        assertThat(phone.endpoint()).startsWith(push.origin() + "/push/").isNotEqualTo(push.newSubscription().endpoint());
        assertThat(push.origin()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(WebPushCrypto.base64Url(phone.p256dh())).hasSize(65).startsWith((byte) 0x04);
        assertThat(WebPushCrypto.base64Url(phone.auth())).hasSize(16);
        assertThat(phone.p256dh()).doesNotContain("=", "+", "/");
        assertThat(phone.subscriptionJson()).isEqualTo("{\"endpoint\":\"" + phone.endpoint()
                + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\"" + phone.p256dh() + "\",\"auth\":\""
                + phone.auth() + "\"}}");
    }

    @Test
    void webpushJavaPush_isDecryptedToTheTextSent_withItsHeadersAndVapidKey() throws Exception {
        PushDevice phone = push.newSubscription(sender.publicKey());
        String text = "{\"title\":\"Conversation assigned to you\",\"body\":\"Ada Lovelace — « refund » 🍉\","
                + "\"url\":\"/portal/p1/conversations/c1\",\"tag\":\"conversation-c1\"}";

        int status = sender.send(notification(phone, text, 3600, Urgency.HIGH, "conversation-c1"));

        assertThat(status).isEqualTo(201);
        ReceivedPush got = phone.awaitPushes(1, WAIT).getFirst();
        assertThat(got.text()).isEqualTo(text);
        assertThat(got.json().get("title").asString()).isEqualTo("Conversation assigned to you");
        assertThat(got.ttl()).isEqualTo(3600);
        assertThat(got.urgency()).isEqualTo("high");
        assertThat(got.topic()).isEqualTo("conversation-c1");
        assertThat(got.vapidPublicKey()).isEqualTo(sender.publicKey());
        assertThat(got.vapidSubject()).isEqualTo(WebPushJavaSender.SUBJECT);
        assertThat(got.vapidExpiresAt()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(24)));
        assertThat(got.endpoint()).isEqualTo(phone.endpoint());
        assertThat(phone.attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(PushAttempt.Outcome.DELIVERED);
            assertThat(a.status()).isEqualTo(201);
        });
    }

    @Test
    void pushesArriveInOrder_perDevice_andOnlyAtTheirDevice() throws Exception {
        PushDevice phone = push.newSubscription();
        PushDevice laptop = push.newSubscription();

        for (int i = 1; i <= 3; i++) {
            sender.send(notification(phone, "phone " + i, 60, null, null));
        }
        sender.send(notification(laptop, "laptop 1", 60, Urgency.LOW, null));

        phone.awaitPushes(3, WAIT);
        assertThat(phone.texts()).containsExactly("phone 1", "phone 2", "phone 3");
        assertThat(laptop.awaitPushes(1, WAIT)).extracting(ReceivedPush::text).containsExactly("laptop 1");
        assertThat(phone.received().getFirst().urgency()).isNull();
        assertThat(phone.received().getFirst().effectiveUrgency()).isEqualTo("normal");
        assertThat(push.received()).extracting(ReceivedPush::text).contains("phone 1", "laptop 1");
    }

    @Test
    void awaitPushes_timesOut_withAnAssertionErrorListingWhatArrived() throws Exception {
        PushDevice phone = push.newSubscription();
        sender.send(notification(phone, "only one", 60, null, null));

        assertThatThrownBy(() -> phone.awaitPushes(2, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at least 2 delivered push(es)")
                .hasMessageContaining("only one");
    }

    @Test
    void assertNoMorePushesThan_failsWhenAnExtraPushArrives() throws Exception {
        PushDevice phone = push.newSubscription();
        sender.send(notification(phone, "one", 60, null, null));
        phone.assertNoMorePushesThan(1, Duration.ofMillis(100));
        sender.send(notification(phone, "two", 60, null, null));

        assertThatThrownBy(() -> phone.assertNoMorePushesThan(1, Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at most 1");
    }

    // ---- refused by a check ----

    @Test
    void webpushJavasOwnAudience_withoutThePort_isRejected401() throws Exception {
        PushDevice phone = push.newSubscription();

        int status = sender.send(WebPushJavaSender.notificationWithLibraryAudience(phone, "hello"));

        assertThat(status).isEqualTo(401);
        assertThat(phone.received()).isEmpty();
        assertThat(phone.rejected()).singleElement().extracting(PushAttempt::reason).asString()
                .contains("aud 'http://127.0.0.1'", "is not this push service's origin '" + push.origin() + "'");
    }

    @Test
    void pushSignedWithAnotherVapidKey_thanTheSubscriptionWasMadeWith_isRejected403() throws Exception {
        PushDevice phone = push.newSubscription(sender.publicKey());
        WebPushJavaSender restartedWithNewKeys = new WebPushJavaSender();

        int status = restartedWithNewKeys.send(notification(phone, "hello", 60, null, null));

        assertThat(status).isEqualTo(403);
        assertThat(phone.received()).isEmpty();
        assertThat(phone.rejected()).singleElement().extracting(PushAttempt::reason).asString()
                .contains("is not the applicationServerKey this subscription was created with");
    }

    @Test
    void jwtSignedByAnotherKeyThanK_isRejected401() throws Exception {
        PushDevice phone = push.newSubscription();
        var other = WebPushJavaSender.newVapidKeys();

        var answer = sender.sendCrafted(notification(phone, "hello", 60, null, null), (request, original) ->
                request.setHeader("Authorization", vapidAuthorization(
                        claims(push.origin(), Instant.now().plusSeconds(600), "mailto:a@b.example"), other,
                        sender.publicKey())));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("signature does not verify under the k public key");
        assertThat(phone.rejected()).singleElement().extracting(PushAttempt::status).isEqualTo(401);
    }

    @Test
    void wrongAudience_isRejected401_namingBoth() throws Exception {
        PushDevice phone = push.newSubscription();

        var answer = sendWithClaims(phone, claims("https://fcm.googleapis.com", Instant.now().plusSeconds(600),
                "mailto:a@b.example"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(phone.rejected()).singleElement().extracting(PushAttempt::reason).asString()
                .contains("aud 'https://fcm.googleapis.com'", push.origin());
    }

    @Test
    void expiredJwt_isRejected401() throws Exception {
        PushDevice phone = push.newSubscription();

        var answer = sendWithClaims(phone, claims(push.origin(), Instant.now().minusSeconds(5), "mailto:a@b.example"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(phone.rejected()).singleElement().extracting(PushAttempt::reason).asString().contains("expired");
        assertThat(phone.received()).isEmpty();
    }

    @Test
    void jwtExpiringMoreThan24hAhead_isRejected401() throws Exception {
        PushDevice phone = push.newSubscription();

        var answer = sendWithClaims(phone, claims(push.origin(), Instant.now().plus(Duration.ofHours(25)),
                "mailto:a@b.example"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(phone.rejected()).singleElement().extracting(PushAttempt::reason).asString()
                .contains("more than 24 h ahead");
    }

    @Test
    void jwtWithoutSub_orWithAPlainSub_isRejected401() throws Exception {
        PushDevice phone = push.newSubscription();

        assertThat(sendWithClaims(phone, claims(push.origin(), Instant.now().plusSeconds(600), null)).status())
                .isEqualTo(401);
        assertThat(sendWithClaims(phone, claims(push.origin(), Instant.now().plusSeconds(600), "ops")).status())
                .isEqualTo(401);
        assertThat(phone.rejected()).extracting(PushAttempt::reason).allSatisfy(reason ->
                assertThat(reason).contains("mailto: or https:"));
    }

    @Test
    void jwtWithAlgHs256_isRejected401() throws Exception {
        PushDevice phone = push.newSubscription();

        var answer = sender.sendCrafted(notification(phone, "hello", 60, null, null), (request, original) ->
                request.setHeader("Authorization", vapidAuthorization("{\"typ\":\"JWT\",\"alg\":\"HS256\"}",
                        claims(push.origin(), Instant.now().plusSeconds(600), "mailto:a@b.example"),
                        sender.vapidKeys(), sender.publicKey())));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("alg is HS256, not ES256");
    }

    @Test
    void missingAuthorization_orTheOldWebPushScheme_isRejected401() throws Exception {
        PushDevice phone = push.newSubscription();

        var missing = sendRaw(phone, name -> !name.equalsIgnoreCase("Authorization"));
        var old = sender.sendCrafted(notification(phone, "hello", 60, null, null),
                (request, original) -> request.setHeader("Authorization", "WebPush eyJ.eyJ.sig"));

        assertThat(List.of(missing.statusCode(), old.status())).containsExactly(401, 401);
        assertThat(phone.rejected()).extracting(PushAttempt::reason).satisfiesExactly(
                reason -> assertThat(reason).contains("Authorization header missing"),
                reason -> assertThat(reason).contains("scheme 'WebPush' is not 'vapid'"));
    }

    @Test
    void missingTtl_isRejected400() throws Exception {
        PushDevice phone = push.newSubscription();

        var withoutTtl = sendRaw(phone, name -> !name.equalsIgnoreCase("TTL"));

        assertThat(withoutTtl.statusCode()).isEqualTo(400);
        assertThat(phone.rejected()).singleElement().extracting(PushAttempt::reason).asString()
                .contains("TTL header missing");
    }

    @Test
    void invalidUrgency_isRejected400() throws Exception {
        PushDevice phone = push.newSubscription();

        var answer = sender.sendCrafted(notification(phone, "hello", 60, null, null),
                (request, original) -> request.setHeader("Urgency", "urgent"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("Urgency header 'urgent'");
    }

    @Test
    void oldAesgcmEncoding_isRejected400() throws Exception {
        PushDevice phone = push.newSubscription();

        var answer = sender.send(notification(phone, "hello", 60, null, null), Encoding.AESGCM);

        assertThat(answer.status()).isEqualTo(401);
        // webpush-java sends aesgcm with the draft "WebPush" scheme, refused before the encoding is looked at.
        var aesgcmBody = sender.sendCrafted(notification(phone, "hello", 60, null, null),
                (request, original) -> request.setHeader("Content-Encoding", "aesgcm"));
        assertThat(aesgcmBody.status()).isEqualTo(400);
        assertThat(aesgcmBody.body()).contains("Content-Encoding 'aesgcm' is not aes128gcm");
    }

    @Test
    void payloadEncryptedForAnotherDevice_isRejected400_andNotDelivered() throws Exception {
        PushDevice phone = push.newSubscription();
        PushDevice other = push.newSubscription();
        var forOther = notification(other, "not yours", 60, null, null);

        var answer = sender.sendCrafted(forOther, (request, original) -> request.uri(URI.create(phone.endpoint())));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(phone.rejected()).singleElement().extracting(PushAttempt::reason).asString()
                .contains("payload does not decrypt", "AES-128-GCM authentication failed");
        assertThat(phone.received()).isEmpty();
        assertThat(other.attempts()).isEmpty();
    }

    @Test
    void unknownEndpoint_isAnswered404_andListed() throws Exception {
        PushDevice phone = push.newSubscription();
        var forPhone = notification(phone, "hello", 60, null, null);

        var answer = sender.sendCrafted(forPhone,
                (request, original) -> request.uri(URI.create(push.origin() + "/push/nobody")));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(push.unknownEndpointAttempts()).extracting(PushAttempt::endpoint)
                .contains(push.origin() + "/push/nobody");
    }

    // ---- behaviour switches ----

    @Test
    void unsubscribedDevice_answers410Gone_toEveryAttempt_andCountsThem() throws Exception {
        PushDevice phone = push.newSubscription().unsubscribe();

        assertThat(sender.send(notification(phone, "one", 60, null, null))).isEqualTo(410);
        assertThat(sender.send(notification(phone, "two", 60, null, null))).isEqualTo(410);

        assertThat(phone.awaitAttempts(2, WAIT)).extracting(PushAttempt::status, PushAttempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(410, PushAttempt.Outcome.REFUSED),
                        org.assertj.core.groups.Tuple.tuple(410, PushAttempt.Outcome.REFUSED));
        assertThat(phone.received()).isEmpty();
    }

    @Test
    void notFoundAndServerErrors_asStandingOrScriptedAnswers() throws Exception {
        PushDevice phone = push.newSubscription().answerAlways(PushAnswer.notFound());
        assertThat(sender.send(notification(phone, "a", 60, null, null))).isEqualTo(404);

        phone.resetAnswers().answerNext(1, PushAnswer.serverError()).answerNext(1, PushAnswer.unavailable());
        assertThat(sender.send(notification(phone, "b", 60, null, null))).isEqualTo(500);
        assertThat(sender.send(notification(phone, "c", 60, null, null))).isEqualTo(503);
        assertThat(sender.send(notification(phone, "d", 60, null, null))).isEqualTo(201);

        assertThat(phone.attempts()).extracting(PushAttempt::status).containsExactly(404, 500, 503, 201);
        assertThat(phone.texts()).containsExactly("d");
    }

    @Test
    void tooManyRequests_forTheNextTwo_withRetryAfter_thenDelivered() throws Exception {
        PushDevice phone = push.newSubscription().answerNext(2, PushAnswer.tooManyRequests(Duration.ofSeconds(7)));
        var notification = notification(phone, "after the rate limit", 60, null, null);

        var first = sender.send(notification, Encoding.AES128GCM);
        var second = sender.send(notification, Encoding.AES128GCM);
        var third = sender.send(notification, Encoding.AES128GCM);

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.retryAfter()).isEqualTo("7");
        assertThat(second.status()).isEqualTo(429);
        assertThat(third.status()).isEqualTo(201);
        List<PushAttempt> attempts = phone.awaitAttempts(3, WAIT);
        assertThat(attempts).extracting(PushAttempt::retryAfterSeconds).containsExactly(7L, 7L, null);
        assertThat(attempts).extracting(PushAttempt::at).isSorted();
        assertThat(phone.texts()).containsExactly("after the rate limit");
    }

    @Test
    void serviceWideScriptedAnswers_countRequestsToAnyDevice() throws Exception {
        try (TestPushService own = TestPushService.start()) {
            PushDevice a = own.newSubscription();
            PushDevice b = own.newSubscription();
            own.answerNext(2, PushAnswer.unavailable(Duration.ofSeconds(3)));

            assertThat(sender.send(notification(a, "a1", 60, null, null))).isEqualTo(503);
            assertThat(sender.send(notification(b, "b1", 60, null, null))).isEqualTo(503);
            assertThat(sender.send(notification(a, "a2", 60, null, null))).isEqualTo(201);

            own.answerAlways(PushAnswer.gone());
            assertThat(sender.send(notification(b, "b2", 60, null, null))).isEqualTo(410);
            b.answerNext(1, PushAnswer.accept());
            assertThat(sender.send(notification(b, "b3", 60, null, null))).isEqualTo(201);
            own.resetAnswers();
            assertThat(sender.send(notification(b, "b4", 60, null, null))).isEqualTo(201);

            assertThat(own.attempts()).hasSize(6);
            assertThat(a.texts()).containsExactly("a2");
            assertThat(b.texts()).containsExactly("b3", "b4");
        }
    }

    @Test
    void down_refusesConnections_thenComesBackOnTheSamePort_andDelivers() throws Exception {
        try (TestPushService own = TestPushService.start()) {
            PushDevice phone = own.newSubscription();
            var notification = notification(phone, "after the outage", 60, null, null);

            own.goDown();
            assertThat(own.isDown()).isTrue();
            assertThatThrownBy(() -> sender.send(notification))
                    .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(ConnectException.class);
            assertThat(phone.attempts()).isEmpty();

            own.comeBack();
            assertThat(sender.send(notification)).isEqualTo(201);
            assertThat(phone.awaitPushes(1, WAIT)).extracting(ReceivedPush::text).containsExactly("after the outage");
            assertThat(phone.endpoint()).startsWith(own.origin());
        }
    }

    @Test
    void goDownFor_comesBackByItself() throws Exception {
        try (TestPushService own = TestPushService.start()) {
            PushDevice phone = own.newSubscription();
            HttpClient client = HttpClient.newHttpClient();

            own.goDownFor(Duration.ofSeconds(3)); // long enough that a slow first send still finds it down
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(phone.endpoint()))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(ConnectException.class);

            own.awaitUp(WAIT);
            assertThat(own.isDown()).isFalse();
            assertThat(sender.send(notification(phone, "back", 60, null, null))).isEqualTo(201);
        }
    }

    // ---- helpers ----

    private static WebPushJavaSender.Answer sendWithClaims(PushDevice device, String claims) throws Exception {
        return sender.sendCrafted(notification(device, "hello", 60, null, null), (request, original) ->
                request.setHeader("Authorization", vapidAuthorization(claims, sender.vapidKeys(), sender.publicKey())));
    }

    /** webpush-java's request, re-sent with only the headers {@code keep} accepts. */
    private static HttpResponse<String> sendRaw(PushDevice device, java.util.function.Predicate<String> keep)
            throws Exception {
        var post = new nl.martijndwars.webpush.PushService(sender.vapidKeys(), WebPushJavaSender.SUBJECT)
                .preparePost(notification(device, "hello", 60, null, null), Encoding.AES128GCM);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(device.endpoint()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        org.apache.http.util.EntityUtils.toByteArray(post.getEntity())));
        for (var header : post.getAllHeaders()) {
            if (keep.test(header.getName())) {
                request.setHeader(header.getName(), header.getValue());
            }
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
