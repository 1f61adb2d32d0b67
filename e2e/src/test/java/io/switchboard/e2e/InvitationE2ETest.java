package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.Stack.Person;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SmtpServer.ReceivedMail;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invitations end to end through the gateway: identity-service on the real Keycloak, org-service, and
 * notification-service mailing through the real SMTP server.
 */
@UsesSharedStack
class InvitationE2ETest {

    private static final Pattern LINK = Pattern.compile("/invite/([A-Za-z0-9_-]{43})");
    private static final Pattern CONFIRM_LINK = Pattern.compile("/confirm-email#([A-Za-z0-9_-]{43})");
    private static final List<String> ISSUED_TOKENS = new ArrayList<>();

    static Stack stack;
    static Person alice;

    @BeforeAll
    static void start() {
        stack = Stack.shared();
        alice = Stack.signIn("alice@acme.test", "alice-demo-pass");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void newPerson_isInvited_getsTheMail_acceptsWithAPassword_andSeesTheOrgWithTheRole() {
        UUID org = stack.createOrg(alice);
        String email = "dana-" + UUID.randomUUID() + "@acme.test";
        invite(org, alice, email, "AGENT").expect(201);
        String token = tokenFromMail(email);

        var view = Stack.JSON.readTree(stack.call("GET", "/api/invitations/" + token, null, null).body());
        assertThat(view.get("orgName").asString()).isEqualTo("E2E alice@acme.test");
        assertThat(view.get("email").asString()).isEqualTo(email);
        assertThat(view.get("role").asString()).isEqualTo("AGENT");
        assertThat(view.get("accountExists").asBoolean()).isFalse();

        HttpResponse<String> accepted = stack.call("POST", "/api/invitations/" + token + "/accept", null,
                Map.of("fullName", "Dana Agent", "password", "dana-pass-2026"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        Person dana = Stack.signIn(email, "dana-pass-2026");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stack.call("GET", "/api/me/orgs", dana, null).body()).contains(org.toString()).contains("\"role\":\"AGENT\""));
        assertThat(stack.call("GET", "/api/invitations/" + token, null, null).statusCode()).isEqualTo(410);
    }

    @Test
    void personWithAnAccount_acceptsSignedIn_withTheSameEmail_only_andKeepsOneAccount() {
        Person carol = Stack.signIn("carol@globex.test", "carol-demo-pass");
        UUID org = stack.createOrg(carol);
        invite(org, carol, "bob@acme.test", "VIEWER").expect(201);
        String token = tokenFromMail("bob@acme.test");

        assertThat(Stack.JSON.readTree(stack.call("GET", "/api/invitations/" + token, null, null).body()).get("accountExists").asBoolean()).isTrue();
        assertThat(stack.call("POST", "/api/invitations/" + token + "/accept", null, Map.of("fullName", "Bob Again", "password", "another-pass-1"))
                .statusCode()).isEqualTo(409);
        assertThat(stack.call("POST", "/api/invitations/" + token + "/accept", alice, null).statusCode()).isEqualTo(403);
        Person bob = Stack.signIn("bob@acme.test", "bob-demo-pass");
        assertThat(stack.call("POST", "/api/invitations/" + token + "/accept", bob, null).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stack.call("GET", "/api/me/orgs", bob, null).body()).contains(org.toString()).contains("VIEWER"));
        assertThat(keycloakUsersWithEmail("bob@acme.test")).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentAccepts_ofOneLink_makeExactlyOneMember() throws Exception {
        UUID org = stack.createOrg(alice);
        String email = "erin-" + UUID.randomUUID() + "@acme.test";
        invite(org, alice, email, "AGENT").expect(201);
        String token = tokenFromMail(email);

        CyclicBarrier start = new CyclicBarrier(50);
        List<CompletableFuture<Integer>> accepts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            accepts.add(CompletableFuture.supplyAsync(() -> {
                arrive(start);
                return stack.call("POST", "/api/invitations/" + token + "/accept", null, Map.of("fullName", "Erin", "password", "erin-pass-2026")).statusCode();
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> accept : accepts) {
            statuses.add(accept.get());
        }
        assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s != 200)).allMatch(s -> s == 410);
        assertThat(keycloakUsersWithEmail(email)).isEqualTo(1);
    }

    @Test
    void expiredRevokedAndReplacedLinks_areGone_theNewLinkWorks() throws Exception {
        UUID org = stack.createOrg(alice);
        String expired = "old-" + UUID.randomUUID() + "@acme.test";
        invite(org, alice, expired, "AGENT").expect(201);
        String expiredToken = tokenFromMail(expired);
        sql("update invitations set expires_at = now() - interval '1 minute' where email = '" + expired + "'");
        assertThat(stack.call("GET", "/api/invitations/" + expiredToken, null, null).statusCode()).isEqualTo(410);
        assertThat(stack.call("POST", "/api/invitations/" + expiredToken + "/accept", null, Map.of("fullName", "Old", "password", "old-pass-2026"))
                .statusCode()).isEqualTo(410);

        String revoked = "gone-" + UUID.randomUUID() + "@acme.test";
        String revokedId = invite(org, alice, revoked, "AGENT").expect(201).get("id").asString();
        String revokedToken = tokenFromMail(revoked);
        assertThat(stack.call("DELETE", "/api/orgs/" + org + "/invitations/" + revokedId, alice, null).statusCode()).isEqualTo(204);
        assertThat(stack.call("GET", "/api/invitations/" + revokedToken, null, null).statusCode()).isEqualTo(410);

        String resent = "again-" + UUID.randomUUID() + "@acme.test";
        String resentId = invite(org, alice, resent, "AGENT").expect(201).get("id").asString();
        String firstToken = tokenFromMail(resent);
        assertThat(invite(org, alice, resent, "AGENT").status()).isEqualTo(409);
        assertThat(stack.call("POST", "/api/orgs/" + org + "/invitations/" + resentId + "/resend", alice, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> RealServers.smtp().messagesTo(resent).size() == 2);
        String secondToken = tokens(resent).getLast();
        assertThat(secondToken).isNotEqualTo(firstToken);
        assertThat(stack.call("GET", "/api/invitations/" + firstToken, null, null).statusCode()).isEqualTo(410);
        assertThat(stack.call("GET", "/api/invitations/" + secondToken, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void growthPlan_twentyConcurrentInvitesAndTheirAccepts_neverTakeMoreThanFiveSeats() throws Exception {
        UUID org = stack.createOrg(alice, Map.of("name", "Growth", "plan", "GROWTH"));
        var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            emails.add("seat-" + i + "-" + UUID.randomUUID() + "@acme.test");
        }
        CyclicBarrier start = new CyclicBarrier(20);
        List<CompletableFuture<Integer>> invites = emails.stream().map(email -> CompletableFuture.supplyAsync(() -> {
            arrive(start);
            return invite(org, alice, email, "AGENT").status();
        }, executor)).toList();
        List<String> invited = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int status = invites.get(i).get();
            assertThat(status).isIn(201, 409);
            if (status == 201) {
                invited.add(emails.get(i));
            }
        }
        // the primary owner takes no agent seat; each pending invitation holds one of the 5
        assertThat(invited).hasSize(5);

        List<CompletableFuture<Integer>> racing = new ArrayList<>();
        for (String email : invited) {
            String token = tokenFromMail(email);
            racing.add(CompletableFuture.supplyAsync(() -> stack.call("POST", "/api/invitations/" + token + "/accept", null,
                    Map.of("fullName", "Seat Holder", "password", "seat-pass-2026")).statusCode(), executor));
            racing.add(CompletableFuture.supplyAsync(() -> invite(org, alice, "late-" + UUID.randomUUID() + "@acme.test", "MANAGER").status(), executor));
        }
        int accepted = 0;
        for (int i = 0; i < racing.size(); i++) {
            int status = racing.get(i).get();
            if (i % 2 == 0) {
                assertThat(status).isEqualTo(200);
                accepted++;
            } else {
                assertThat(status).as("an invite racing the acceptances").isEqualTo(409);
            }
        }
        assertThat(accepted).isEqualTo(5);
        await().atMost(Duration.ofSeconds(20)).until(() -> seatHolders(org) == 5);
        assertThat(invite(org, alice, "one-more-" + UUID.randomUUID() + "@acme.test", "AGENT").status()).isEqualTo(409);
        assertThat(invite(org, alice, "viewer-" + UUID.randomUUID() + "@acme.test", "VIEWER").status()).isEqualTo(201);
        assertThat(seatHolders(org)).isEqualTo(5);
    }

    private static long seatHolders(UUID org) {
        var members = Stack.JSON.readTree(stack.call("GET", "/api/orgs/" + org + "/members", alice, null).body());
        long count = 0;
        for (var member : members) {
            // the primary owner (alice) never takes an agent seat
            if ("ACTIVE".equals(member.get("status").asString()) && !"VIEWER".equals(member.get("role").asString())
                    && !alice.id().toString().equals(member.get("userId").asString())) {
                count++;
            }
        }
        return count;
    }

    @Test
    void signUp_createsAnUnverifiedAccount_theMailedLinkConfirmsIt_andConfirmedEmailsAreUnique() {
        String email = "new-" + UUID.randomUUID() + "@acme.test";
        var created = stack.call("POST", "/api/signup", null, Map.of("email", email, "password", "fresh-pass-2026", "fullName", "Nina New"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Person unconfirmed = Stack.signIn(email, "fresh-pass-2026");
        assertThat(Stack.JSON.readTree(created.body()).get("userId").asString()).isEqualTo(unconfirmed.id().toString());
        assertThat(claims(unconfirmed).get("email_verified").asBoolean()).isFalse();
        assertThat(stack.call("GET", "/api/me/orgs", unconfirmed, null).statusCode()).as("an unverified identity counts for nothing").isEqualTo(403);

        var confirmed = stack.call("POST", "/api/signup/confirm", null, Map.of("token", confirmationTokenFromMail(email)));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        Person nina = Stack.signIn(email, "fresh-pass-2026");
        assertThat(claims(nina).get("email_verified").asBoolean()).isTrue();
        assertThat(stack.call("GET", "/api/me/orgs", nina, null).statusCode()).isEqualTo(200);
        assertThat(stack.call("POST", "/api/signup", null, Map.of("email", email.toUpperCase(), "password", "other-pass-2026", "fullName", "Dup"))
                .statusCode()).isEqualTo(409);
        var weak = stack.call("POST", "/api/signup", null, Map.of("email", "w-" + email, "password", "short", "fullName", "Weak"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("\"field\":\"password\"");
    }

    @Test
    void signUpAsSomeoneElsesAddress_yieldsNoVerifiedIdentity_andTheRealOwnerStillAcceptsTheirInvitation() {
        String victim = "ceo-" + UUID.randomUUID() + "@victim.test";
        assertThat(stack.call("POST", "/api/signup", null, Map.of("email", victim, "password", "squatter-pass-1", "fullName", "Not The CEO"))
                .statusCode()).isEqualTo(201);
        Person squatter = Stack.signIn(victim, "squatter-pass-1");
        assertThat(claims(squatter).get("email_verified").asBoolean()).isFalse();

        UUID org = stack.createOrg(alice);
        invite(org, alice, victim, "ADMIN").expect(201);
        String token = tokenFromMail(victim);
        assertThat(stack.call("POST", "/api/invitations/" + token + "/accept", squatter, null).statusCode())
                .as("the squatter's unverified token cannot take the invitation").isEqualTo(403);
        var accepted = stack.call("POST", "/api/invitations/" + token + "/accept", null, Map.of("fullName", "Real CEO", "password", "real-ceo-pass-1"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        Person ceo = Stack.signIn(victim, "real-ceo-pass-1");
        assertThat(claims(ceo).get("email_verified").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stack.call("GET", "/api/me/orgs", ceo, null).body()).contains(org.toString()).contains("\"role\":\"ADMIN\""));
        assertThat(keycloakUsersWithEmail(victim)).isEqualTo(1);
        // last: under load, Keycloak's brute-force detection now and then refuses a right password just after a wrong one
        assertThatThrownBy(() -> Stack.signIn(victim, "squatter-pass-1")).as("the squatter's password stops working").hasMessageContaining("401");
    }

    @Test
    void directCreation_makesAMember_withAPasswordToChange_andAWelcomeMailWithoutIt() {
        UUID org = stack.createOrg(alice);
        String email = "direct-" + UUID.randomUUID() + "@acme.test";
        var created = stack.call("POST", "/api/orgs/" + org + "/users", alice,
                Map.of("fullName", "Dave Direct", "email", email, "password", "initial-pass-2026", "role", "AGENT"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> !RealServers.smtp().messagesTo(email).isEmpty());
        ReceivedMail welcome = RealServers.smtp().messagesTo(email).getFirst();
        assertThat(welcome.subject()).isEqualTo("Your Switchboard account: confirm your email address");
        assertThat(welcome.body()).doesNotContain("initial-pass-2026").contains("/confirm-email#");
        // the initial password must be changed first: Keycloak refuses a direct sign-in until then
        assertThatThrownBy(() -> Stack.signIn(email, "initial-pass-2026")).hasMessageContaining("not fully set up");
        String userId = Stack.JSON.readTree(created.body()).get("userId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                stack.call("GET", "/api/orgs/" + org + "/members/" + userId, alice, null).statusCode() == 200);
    }

    @Test
    void batch_answersPerItem() {
        UUID org = stack.createOrg(alice);
        String ok = "batch-" + UUID.randomUUID() + "@acme.test";
        var response = stack.call("POST", "/api/orgs/" + org + "/invitations/batch", alice, List.of(
                Map.of("email", ok, "role", "AGENT"),
                Map.of("email", "not-an-email", "role", "AGENT"),
                Map.of("email", ok, "role", "VIEWER")));
        assertThat(response.statusCode()).isEqualTo(207);
        var results = Stack.JSON.readTree(response.body());
        assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).get("problem").get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(results.get(2).get("status").asInt()).isEqualTo(409);
        assertThat(results.get(2).get("problem").get("type").asString()).endsWith("/invitation-pending");
    }

    @Test
    void signOut_endsTheKeycloakSession_soItsRefreshTokenNoLongerWorks() {
        var tokens = RealServers.keycloak().signIn("bob@acme.test", "bob-demo-pass");
        Person bob = new Person("bob@acme.test", tokens.get("access_token").asString(), Stack.signIn("bob@acme.test", "bob-demo-pass").id());
        assertThat(stack.call("POST", "/api/me/sign-out", bob, Map.of("deviceId", "phone-1")).statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> RealServers.keycloak().refresh(tokens.get("refresh_token").asString()))
                .hasMessageContaining("400");
    }

    @Test
    void escalation_isRefused_agentInvites_managerInvitesAdmin_adminInvitesOwner() {
        UUID org = stack.createOrg(alice);
        Person admin = member(org, "inv.admin@acme.test", "ADMIN");
        Person manager = member(org, "inv.manager@acme.test", "MANAGER");
        Person agent = member(org, "inv.agent@acme.test", "AGENT");
        String someone = "x-" + UUID.randomUUID() + "@acme.test";

        assertThat(invite(org, agent, someone, "VIEWER").status()).isEqualTo(403);
        assertThat(invite(org, manager, someone, "ADMIN").status()).isEqualTo(403);
        assertThat(invite(org, admin, someone, "OWNER").status()).isEqualTo(403);
        assertThat(invite(org, manager, someone, "AGENT").status()).isEqualTo(201);
        assertThat(invite(org, alice, "y-" + UUID.randomUUID() + "@acme.test", "PRESIDENT").status()).isEqualTo(400);
    }

    @Test
    void noIssuedToken_appearsInAnyServiceLog() throws Exception {
        UUID org = stack.createOrg(alice);
        String email = "logs-" + UUID.randomUUID() + "@acme.test";
        invite(org, alice, email, "AGENT").expect(201);
        tokenFromMail(email);
        assertThat(ISSUED_TOKENS).isNotEmpty();
        List<Path> logs;
        try (Stream<Path> files = Files.list(Path.of("target/logs"))) {
            logs = files.toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            String text = Files.readString(log);
            for (String token : ISSUED_TOKENS) {
                assertThat(text).as(log + " must not contain an invitation token").doesNotContain(token);
            }
        }
    }

    // --- helpers

    record Answer(int status, tools.jackson.databind.JsonNode body) {
        tools.jackson.databind.JsonNode expect(int expected) {
            assertThat(status).as(String.valueOf(body)).isEqualTo(expected);
            return body;
        }
    }

    private static Answer invite(UUID org, Person as, String email, String role) {
        HttpResponse<String> response = stack.call("POST", "/api/orgs/" + org + "/invitations", as, Map.of("email", email, "role", role));
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : Stack.JSON.readTree(response.body()));
    }

    private static Person member(UUID org, String email, String role) {
        RealServers.keycloak().createUser(email, "member-pass-1", "Inv", role);
        Person person = Stack.signIn(email, "member-pass-1");
        stack.invitationAccepted(org, person, role);
        return person;
    }

    private static String confirmationTokenFromMail(String email) {
        await().atMost(Duration.ofSeconds(30)).until(() -> RealServers.smtp().messagesTo(email).stream().anyMatch(m -> CONFIRM_LINK.matcher(m.body()).find()));
        for (ReceivedMail mail : RealServers.smtp().messagesTo(email)) {
            Matcher matcher = CONFIRM_LINK.matcher(mail.body());
            if (matcher.find()) {
                ISSUED_TOKENS.add(matcher.group(1));
                return matcher.group(1);
            }
        }
        throw new AssertionError("no confirmation link mailed to " + email);
    }

    private static tools.jackson.databind.JsonNode claims(Person person) {
        return io.switchboard.testing.SignedInUser.claims(person.token());
    }

    /** The invitation link's token from the first invitation mail (other mails, such as a sign-up confirmation, don't count). */
    private static String tokenFromMail(String email) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !tokens(email).isEmpty());
        return tokens(email).getFirst();
    }

    private static List<String> tokens(String email) {
        List<String> found = new ArrayList<>();
        for (ReceivedMail mail : RealServers.smtp().messagesTo(email)) {
            Matcher matcher = LINK.matcher(mail.body());
            if (matcher.find()) {
                found.add(matcher.group(1));
            }
        }
        ISSUED_TOKENS.addAll(found);
        return found;
    }

    private static long keycloakUsersWithEmail(String email) {
        return RealServers.keycloak().usersWithEmail(email);
    }

    private static void sql(String statement) throws Exception {
        var postgres = RealServers.postgres();
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl("identity_service_e2e"), postgres.username(), postgres.password())) {
            connection.createStatement().execute(statement);
        }
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
