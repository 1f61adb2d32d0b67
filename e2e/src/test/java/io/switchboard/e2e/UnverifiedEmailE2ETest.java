package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.Stack.Person;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SmtpServer.ReceivedMail;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through the gateway with real tokens: an account whose address nobody has proved gets a token, but the gateway
 * lets it do nothing beyond GET /api/me and the public endpoints until the mailed link is used.
 */
@UsesSharedStack
class UnverifiedEmailE2ETest {

    private static final Pattern CONFIRM_LINK = Pattern.compile("/confirm-email#([A-Za-z0-9_-]{20,})");

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
    void signUpAsSomeoneElsesAddress_yieldsATokenTheGatewayRefuses_untilTheMailboxConfirmsIt() {
        String victim = "ceo-" + UUID.randomUUID() + "@victim.test";
        HttpResponse<String> signedUp = stack.call("POST", "/api/signup", null, Map.of("email", victim, "password", "squat-pass-2026", "fullName", "Not The CEO"));
        assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(201);

        Person squatter = Stack.signIn(victim, "squat-pass-2026");
        assertThat(stack.call("GET", "/api/me", squatter, null).statusCode()).isEqualTo(200);
        for (HttpResponse<String> refused : java.util.List.of(
                stack.call("GET", "/api/me/orgs", squatter, null),
                stack.call("POST", "/api/orgs", squatter, Map.of("name", "Victim Inc")))) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(Stack.JSON.readTree(refused.body()).get("type").asString()).isEqualTo("https://switchboard.dev/problems/email-not-verified");
        }

        // the owner of the mailbox (and only they) has the link; once used, a new sign-in works everywhere
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmationToken(victim) != null);
        assertThat(stack.call("POST", "/api/signup/confirm", null, Map.of("token", confirmationToken(victim))).statusCode()).isEqualTo(200);
        Person owner = Stack.signIn(victim, "squat-pass-2026");
        assertThat(stack.call("GET", "/api/me/orgs", owner, null).statusCode()).isEqualTo(200);
        assertThat(stack.call("GET", "/api/me/orgs", squatter, null).statusCode()).as("the old, unverified token stays refused").isEqualTo(403);
    }

    private static String confirmationToken(String email) {
        for (ReceivedMail mail : RealServers.smtp().messagesTo(email)) {
            Matcher link = CONFIRM_LINK.matcher(mail.body());
            if (link.find()) {
                return link.group(1);
            }
        }
        return null;
    }
}
