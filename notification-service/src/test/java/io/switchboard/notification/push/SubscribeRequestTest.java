package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.notification.push.SubscribeRequest.FieldError;
import io.switchboard.notification.push.SubscribeRequest.Keys;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscribeRequestTest {

    static final String P256DH = P256.generate().publicKeyBase64Url();
    static final String AUTH = P256.base64Url(new byte[16]);
    private static final EndpointRules PRODUCTION = new EndpointRules(List.of());
    private static final EndpointRules TESTS = new EndpointRules(List.of("127.0.0.1"));

    static SubscribeRequest valid() {
        return new SubscribeRequest("https://fcm.googleapis.com/fcm/send/abc123", new Keys(P256DH, AUTH), "dana-phone", UUID.randomUUID());
    }

    private static List<String> fields(SubscribeRequest request, EndpointRules rules) {
        return request.errors(rules).stream().map(FieldError::field).toList();
    }

    private static SubscribeRequest endpoint(String endpoint) {
        SubscribeRequest v = valid();
        return new SubscribeRequest(endpoint, v.keys(), v.deviceId(), v.orgId());
    }

    @Test
    void aBrowsersSubscription_isValid() {
        assertThat(valid().errors(PRODUCTION)).isEmpty();
        assertThat(endpoint("https://updates.push.services.mozilla.com/wpush/v2/gAAAA").errors(PRODUCTION)).isEmpty();
        assertThat(endpoint("https://web.push.apple.com/QGuQ").errors(PRODUCTION)).isEmpty();
        assertThat(endpoint("https://[2a00:1450:4001:80b::200a]/push/1").errors(PRODUCTION)).isEmpty();
    }

    @Test
    void withoutKeys_orWithoutAnything_eachMissingFieldIsNamed() {
        SubscribeRequest v = valid();
        assertThat(fields(new SubscribeRequest(v.endpoint(), null, v.deviceId(), v.orgId()), PRODUCTION)).containsExactly("keys");
        assertThat(fields(new SubscribeRequest(v.endpoint(), new Keys(null, " "), v.deviceId(), v.orgId()), PRODUCTION))
                .containsExactly("keys.p256dh", "keys.auth");
        assertThat(fields(new SubscribeRequest(null, null, null, null), PRODUCTION)).containsExactly("endpoint", "keys", "deviceId", "orgId");
    }

    @Test
    void nonHttpsEndpoint_isRefused_unlessItsHostIsAllowedForTests() {
        assertThat(fields(endpoint("http://fcm.googleapis.com/fcm/send/abc"), PRODUCTION)).containsExactly("endpoint");
        assertThat(fields(endpoint("ftp://fcm.googleapis.com/x"), PRODUCTION)).containsExactly("endpoint");
        assertThat(fields(endpoint("/relative/path"), PRODUCTION)).containsExactly("endpoint");
        assertThat(fields(endpoint("not a url"), PRODUCTION)).containsExactly("endpoint");
        assertThat(fields(endpoint("http://127.0.0.1:4567/push/abc"), TESTS)).isEmpty();
    }

    @Test
    void loopbackPrivateAndLinkLocalEndpoints_areRefusedOutsideTests() {
        for (String endpoint : List.of("https://127.0.0.1/push", "https://127.8.9.10:8443/push", "https://localhost/push",
                "https://api.localhost/push", "https://10.0.0.5/push", "https://172.16.3.4/push", "https://192.168.1.1/push",
                "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/push", "https://0.0.0.0/push",
                "https://[::1]/push", "https://[fd00::1]/push", "https://[fe80::1]/push", "https://[::ffff:127.0.0.1]/push",
                "https://[::ffff:10.1.2.3]/push", "https://2130706433/push", "https://127.1/push", "https://intranet/push",
                "https://metadata.google.internal/computeMetadata", "https://printer.local/push")) {
            assertThat(fields(endpoint(endpoint), PRODUCTION)).as(endpoint).containsExactly("endpoint");
        }
        assertThat(fields(endpoint("https://127.0.0.1/push"), TESTS)).as("the tests' host").isEmpty();
    }

    @Test
    void endpointWithUserInfo_orOverlong_isRefused() {
        assertThat(fields(endpoint("https://user:pw@fcm.googleapis.com/x"), PRODUCTION)).containsExactly("endpoint");
        assertThat(fields(endpoint("https://fcm.googleapis.com/" + "a".repeat(5000)), PRODUCTION)).containsExactly("endpoint");
    }

    @Test
    void keys_mustBeAPointOnP256_andA16ByteSecret() {
        SubscribeRequest v = valid();
        byte[] off = P256.fromBase64Url(P256DH);
        off[64] ^= 1;
        assertThat(fields(new SubscribeRequest(v.endpoint(), new Keys(P256.base64Url(off), AUTH), v.deviceId(), v.orgId()), PRODUCTION))
                .containsExactly("keys.p256dh");
        assertThat(fields(new SubscribeRequest(v.endpoint(), new Keys("!!!", AUTH), v.deviceId(), v.orgId()), PRODUCTION))
                .containsExactly("keys.p256dh");
        assertThat(fields(new SubscribeRequest(v.endpoint(), new Keys(P256DH, P256.base64Url(new byte[15])), v.deviceId(), v.orgId()), PRODUCTION))
                .containsExactly("keys.auth");
        assertThat(fields(new SubscribeRequest(v.endpoint(), new Keys("A".repeat(5000), "B".repeat(5000)), v.deviceId(), v.orgId()), PRODUCTION))
                .containsExactly("keys.p256dh", "keys.auth");
        // padded base64url, as some browsers send it, is fine
        assertThat(fields(new SubscribeRequest(v.endpoint(), new Keys(P256DH + "=", AUTH + "=="), v.deviceId(), v.orgId()), PRODUCTION)).isEmpty();
    }

    @Test
    void deviceId_isShortPrintableText() {
        SubscribeRequest v = valid();
        assertThat(fields(new SubscribeRequest(v.endpoint(), v.keys(), "x".repeat(5000), v.orgId()), PRODUCTION)).containsExactly("deviceId");
        assertThat(fields(new SubscribeRequest(v.endpoint(), v.keys(), "bad\nid", v.orgId()), PRODUCTION)).containsExactly("deviceId");
        assertThat(fields(new SubscribeRequest(v.endpoint(), v.keys(), "Dana's phone (Pixel 9)", v.orgId()), PRODUCTION)).isEmpty();
    }

    @Test
    void aNameResolvingInwards_isRefused_aPublicOrUnknownOneIsNot() {
        EndpointRules.Resolver inwards = host -> new InetAddress[] {InetAddress.getByName("142.250.74.106"), InetAddress.getByName("10.0.0.7")};
        EndpointRules.Resolver outwards = host -> new InetAddress[] {InetAddress.getByName("142.250.74.106")};
        EndpointRules.Resolver unknown = host -> {
            throw new java.net.UnknownHostException(host);
        };
        assertThat(PRODUCTION.addressRefusal("https://push.example.com/x", inwards)).isPresent();
        assertThat(PRODUCTION.addressRefusal("https://push.example.com/x", outwards)).isEmpty();
        assertThat(PRODUCTION.addressRefusal("https://push.example.com/x", unknown)).as("the sender checks again at connect time").isEmpty();
        assertThat(TESTS.addressRefusal("http://127.0.0.1:4567/push/x", inwards)).as("the tests' host").isEmpty();
    }

    @Test
    void publicAddresses_arePublic_andSpecialRangesAreNot() throws Exception {
        assertThat(EndpointRules.isPublic(InetAddress.getByName("142.250.74.106"))).isTrue();
        assertThat(EndpointRules.isPublic(InetAddress.getByName("2a00:1450:4001:80b::200a"))).isTrue();
        for (String address : List.of("127.0.0.1", "10.1.1.1", "172.31.255.255", "192.168.0.1", "169.254.1.1", "100.127.0.1",
                "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fc00::1", "fe80::1", "64:ff9b::a01:101")) {
            assertThat(EndpointRules.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void toString_namesTheEndpointByHostAndHashOnly_andNeverTheAuthSecret() {
        String auth = P256.base64Url(new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7});
        SubscribeRequest request = new SubscribeRequest("https://fcm.googleapis.com/fcm/send/secret-capability-123",
                new Keys(P256DH, auth), "dana-phone", UUID.randomUUID());

        String text = request.toString();

        assertThat(text).doesNotContain("secret-capability-123").doesNotContain(auth)
                .contains(LogText.endpoint(request.endpoint())).contains("dana-phone");
        assertThat(request.keys().toString()).doesNotContain(auth);
        assertThat(endpoint(null).toString()).contains("endpoint=(none)");
    }
}
