package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.Stack.Person;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SignedInUser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Through the gateway, with real tokens: signing out on one device ends that session (its still-valid access token is
 * refused at the gateway, its refresh token at Keycloak) and only that one: the person's other session goes on.
 */
@UsesSharedStack
class SignOutE2ETest {

    private static final String PASSWORD = "sign-out-pass-2026";

    static Stack stack;

    @BeforeAll
    static void start() {
        stack = Stack.shared();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void signingOutOnOneDevice_endsThatSession_only() {
        String email = "dana-" + UUID.randomUUID() + "@acme.test";
        RealServers.keycloak().createUser(email, PASSWORD, "Dana", "Devices");
        JsonNode phoneSignIn = RealServers.keycloak().signIn(email, PASSWORD);
        Person phone = person(email, phoneSignIn.get("access_token").asString());
        Person laptop = Stack.signIn(email, PASSWORD);
        assertThat(stack.call("GET", "/api/me", phone, null).statusCode()).isEqualTo(200);
        UUID org = stack.createOrg(laptop);

        HttpResponse<String> signedOut = stack.call("POST", "/api/me/sign-out", phone, Map.of("deviceId", "dana-phone"));
        assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> stack.call("GET", "/api/me", phone, null).statusCode() == 401);
        HttpResponse<String> refused = stack.call("GET", "/api/orgs/" + org, phone, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Stack.JSON.readTree(refused.body()).path("type").asString()).isEqualTo("https://switchboard.dev/problems/session-ended");
        assertThat(refused.body()).doesNotContain(phone.token());
        assertThatThrownBy(() -> RealServers.keycloak().refresh(phoneSignIn.get("refresh_token").asString()))
                .as("the phone's refresh token").hasMessageContaining("400");

        assertThat(stack.call("GET", "/api/me", laptop, null).statusCode()).isEqualTo(200);
        assertThat(stack.call("GET", "/api/orgs/" + org, laptop, null).statusCode()).isEqualTo(200);
        assertThat(stack.call("GET", "/api/me/orgs", laptop, null).statusCode()).isEqualTo(200);
    }

    private static Person person(String email, String token) {
        return new Person(email, token, SignedInUser.subject(token));
    }
}
