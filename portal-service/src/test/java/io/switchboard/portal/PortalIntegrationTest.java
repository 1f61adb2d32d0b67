package io.switchboard.portal;

import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.events.org.RoleDefined;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SignedInUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * portal-service on the shared real PostgreSQL, Kafka and Keycloak. The classes extending it share one
 * application context; each test makes its own organizations by publishing org-service's events on the real
 * broker (portal-service's listeners and its membership projection read them), and calls the API with real
 * Keycloak tokens of people made once per run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class PortalIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "portal_service_it");
        RealServers.registerKeycloak(registry);
    }

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Events EVENTS = Events.onSharedBroker();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(3);
    private static final Map<String, Person> PEOPLE = new ConcurrentHashMap<>();

    @Autowired protected WebTestClient web;
    @Autowired protected DatabaseClient db;

    /** A Keycloak account made once per run, signed in again every few minutes (tokens live 5). */
    protected static final class Person {
        final String email;
        final String name;
        private final String password;
        private SignedInUser signedIn;
        private Instant signedInAt = Instant.EPOCH;

        private Person(String name) {
            this.name = name;
            this.email = "portal-" + name + "-" + RUN + "@acme.test";
            this.password = name + "-pass-" + RUN;
            RealServers.keycloak().createUser(email, password, "Portal", name);
        }

        synchronized SignedInUser user() {
            if (signedInAt.isBefore(Instant.now().minus(TOKEN_REUSE))) {
                signedIn = SignedInUser.signIn(email, password);
                signedInAt = Instant.now();
            }
            return signedIn;
        }

        public UUID id() {
            return user().id();
        }

        String bearer() {
            return user().bearer();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    protected static Person person(String name) {
        return PEOPLE.computeIfAbsent(name, Person::new);
    }

    /** A new organization as org-service announces it, with {@code owner} as its OWNER; answers its id once the default portal exists. */
    protected UUID newOrg(Person owner) {
        UUID org = UUID.randomUUID();
        EVENTS.publish(Events.envelope(EventCatalog.ORGANIZATION_CREATED, org, new OrganizationCreated(org, "Org " + org, "FREE_TRIAL", owner.id()))
                .withActor(owner.id().toString()));
        join(org, owner, "OWNER");
        await().atMost(Duration.ofSeconds(20)).until(() -> defaultPortal(org) != null);
        return org;
    }

    /** org.member.joined for the person (with the invitation's portals), waited for until portal-service applied it. */
    protected void join(UUID org, Person person, String role, UUID... portalIds) {
        EVENTS.publish(Events.envelope(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, person.id(), role, "Portal " + person.name,
                person.email, List.of(portalIds), null)).withActor(person.id().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> role.equals(orgRole(org, person.id())));
    }

    /** A custom role of the organization (published before the members holding it join). */
    protected static String defineRole(UUID org, String... permissions) {
        UUID roleId = UUID.randomUUID();
        EVENTS.publish(Events.envelope(EventCatalog.ROLE_DEFINED, org, new RoleDefined(org, roleId, "role " + roleId, List.of(permissions))));
        return "custom:" + roleId;
    }

    protected String orgRole(UUID org, UUID userId) {
        return db.sql("select role from org_members where org_id = :org and user_id = :user and status = 'ACTIVE'")
                .bind("org", org).bind("user", userId).map(row -> row.get("role", String.class)).one().block();
    }

    protected UUID defaultPortal(UUID org) {
        return db.sql("select id from portals where org_id = :org and is_default").bind("org", org)
                .map(row -> row.get("id", UUID.class)).one().block();
    }

    protected long count(String sql, UUID org) {
        return db.sql(sql).bind("org", org).map(row -> row.get(0, Long.class)).one().block();
    }

    /** The portal role of someone in a portal, null when not a member. */
    protected String portalRole(UUID portal, UUID userId) {
        return db.sql("select portal_role from portal_members where portal_id = :portal and user_id = :user")
                .bind("portal", portal).bind("user", userId).map(row -> row.get("portal_role", String.class)).one().block();
    }

    protected Boolean available(UUID portal, UUID userId) {
        return db.sql("select available from portal_members where portal_id = :portal and user_id = :user")
                .bind("portal", portal).bind("user", userId).map(row -> row.get("available", Boolean.class)).one().block();
    }

    /** A portal made by {@code admin} through the API; answers its id. */
    protected UUID createPortal(UUID org, Person admin, String name) {
        JsonNode created = body(web.post().uri("/api/orgs/{org}/portals", org).header(HttpHeaders.AUTHORIZATION, admin.bearer())
                .bodyValue(Map.of("name", name)).exchange().expectStatus().isCreated());
        return UUID.fromString(created.get("id").asString());
    }

    protected WebTestClient.ResponseSpec get(Person as, String uri, Object... vars) {
        return web.get().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, as.bearer()).exchange();
    }

    protected WebTestClient.ResponseSpec put(Person as, Object body, String uri, Object... vars) {
        return web.put().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, as.bearer()).bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec putMember(Person as, UUID org, UUID portal, Person target, String portalRole) {
        return put(as, Map.of("portalRole", portalRole), "/api/orgs/{org}/portals/{portal}/members/{user}", org, portal, target.id());
    }

    protected WebTestClient.ResponseSpec setAvailability(Person as, UUID org, UUID portal, Person target, boolean available) {
        return put(as, Map.of("available", available), "/api/orgs/{org}/portals/{portal}/members/{user}/availability", org, portal, target.id());
    }

    protected static JsonNode body(WebTestClient.ResponseSpec response) {
        return JSON.readTree(response.expectBody().returnResult().getResponseBody());
    }

    /** The availability log entries of a portal (as {@code reader} sees them), newest first. */
    protected List<JsonNode> log(Person reader, UUID org, UUID portal) {
        JsonNode page = body(get(reader, "/api/orgs/{org}/portals/{portal}/availability-log?limit=200", org, portal).expectStatus().isOk());
        List<JsonNode> entries = new ArrayList<>();
        page.get("entries").forEach(entries::add);
        return entries;
    }

    /** The envelopes of {@code type} on its topic whose subject is {@code org}, waiting until at least {@code atLeast} are there. */
    protected static List<JsonNode> events(String topic, String type, UUID org, int atLeast) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.clear();
            for (ConsumerRecord<String, String> record : EVENTS.records(topic)) {
                if (!org.toString().equals(record.key())) {
                    continue;
                }
                JsonNode envelope = JSON.readTree(record.value());
                if (type.equals(envelope.path("type").asString())) {
                    found.add(envelope);
                }
            }
            return found.size() >= atLeast;
        });
        return found;
    }
}
