package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.Stack.Person;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Through the gateway, with real tokens: a removed member's still-valid token stops working for that org. */
class RevocationE2ETest {

    static Stack stack;
    static Person alice;
    static Person bob;

    @BeforeAll
    static void start() {
        stack = new Stack(true); // members join through invitations: org-service believes no other way in
        alice = Stack.signIn("alice@acme.test", "alice-demo-pass");
        bob = Stack.signIn("bob@acme.test", "bob-demo-pass");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void removedMember_isRefusedWithTheSameToken_andStaysRefusedAfterAGatewayRestart() {
        UUID org = stack.createOrg(alice);
        assertThat(stack.call("GET", "/api/orgs/" + org, alice, null).statusCode()).isEqualTo(200);
        assertThat(stack.call("GET", "/api/orgs/" + org, bob, null).statusCode()).isEqualTo(404);

        stack.invitationAccepted(org, bob, "AGENT");
        assertThat(stack.call("GET", "/api/orgs/" + org + "/members", bob, null).statusCode()).isEqualTo(200);

        assertThat(stack.call("DELETE", "/api/orgs/" + org + "/members/" + bob.id(), alice, null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(15)).until(() -> stack.call("GET", "/api/orgs/" + org + "/members", bob, null).statusCode() == 404);

        stack.restartGateway();
        assertThat(stack.call("GET", "/api/orgs/" + org + "/members", bob, null).statusCode()).isEqualTo(404);
        assertThat(stack.call("GET", "/api/orgs/" + org + "/members", alice, null).statusCode()).isEqualTo(200);
        assertThat(stack.call("GET", "/api/me", bob, null).statusCode()).isEqualTo(200);
    }
}
