package io.switchboard.routing;

import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.access.PortalRole;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.RoleDefined;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.messaging.change.Actor;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.work.Dispatcher;
import io.switchboard.routing.work.Kind;
import io.switchboard.routing.work.WorkItem;
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
 * routing-service on the shared real PostgreSQL, Kafka and Keycloak, for tests of its HTTP API. The classes
 * extending it share one application context (database {@code routing_service_it}). People are real Keycloak
 * accounts made once per run; calls carry their real tokens.
 *
 * <p>Setup, per test, in a new organization of its own:
 * <ul>
 *   <li>membership goes through the broker: {@link #join} publishes org-service's {@code org.member.joined} (the
 *       service's membership projection, which decides who the caller is, reads it) and waits until routing's
 *       {@code org_members} row says so;</li>
 *   <li>portals and portal members are written as routing's projection rows ({@link #newPortal}, {@link #inPortal}):
 *       these tests are about the API, not about how routing learns of portals (the inbound listeners' tests are);</li>
 *   <li>work is opened as the API and the inbound listener open it, through the dispatcher inside the
 *       organization's write ({@link #openConversation}).</li>
 * </ul>
 * The safety net is slowed down to an hour so that nothing but the change under test assigns queued work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.consumer.group-id=routing-service-it", "switchboard.routing.safety-net-interval=1h"})
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class RoutingIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "routing_service_it");
        RealServers.registerKeycloak(registry);
    }

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Events EVENTS = Events.onSharedBroker();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(3);
    private static final Map<String, Person> PEOPLE = new ConcurrentHashMap<>();

    @Autowired protected WebTestClient web;
    @Autowired protected DatabaseClient db;
    @Autowired protected OrgWrites writes;
    @Autowired protected Dispatcher dispatcher;
    @Autowired protected MembershipProjection memberships;

    /** A Keycloak account made once per run, signed in again every few minutes (tokens live 5). */
    protected static final class Person {
        public final String email;
        public final String name;
        private final String password;
        private SignedInUser signedIn;
        private Instant signedInAt = Instant.EPOCH;

        private Person(String name) {
            this.name = name;
            this.email = "routing-" + name + "-" + RUN + "@acme.test";
            this.password = name + "-pass-" + RUN;
            RealServers.keycloak().createUser(email, password, "Routing", name);
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

        public String bearer() {
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

    /** A new organization with {@code owner} as its OWNER and a default portal (owner not in it); answers its id. */
    protected UUID newOrg(Person owner) {
        UUID org = UUID.randomUUID();
        join(org, owner, "OWNER");
        newPortal(org, true);
        return org;
    }

    /** org.member.joined for the person, waited for until routing's projections (the caller's and org_members) know it. */
    protected void join(UUID org, Person person, String role) {
        EVENTS.publish(Events.envelope(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, person.id(), role, "Routing " + person.name,
                person.email, List.of(), null)).withActor(person.id().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> role.equals(orgRole(org, person.id()))
                && memberships.find(org, person.id()).filter(m -> m.isActive() && role.equals(m.role())).isPresent());
    }

    /** A custom role of the organization holding {@code permissions} (define it before the members holding it join). */
    protected static String defineRole(UUID org, String... permissions) {
        UUID roleId = UUID.randomUUID();
        EVENTS.publish(Events.envelope(EventCatalog.ROLE_DEFINED, org, new RoleDefined(org, roleId, "role " + roleId, List.of(permissions))));
        return "custom:" + roleId;
    }

    protected String orgRole(UUID org, UUID userId) {
        return db.sql("select role from org_members where org_id = :org and user_id = :user and status = 'ACTIVE'")
                .bind("org", org).bind("user", userId).map(row -> row.get("role", String.class)).one().block();
    }

    /** A portal of the organization, as routing's projection row; answers its id. */
    protected UUID newPortal(UUID org, boolean isDefault) {
        UUID portal = UUID.randomUUID();
        db.sql("insert into portals (id, org_id, is_default) values (:id, :org, :default)")
                .bind("id", portal).bind("org", org).bind("default", isDefault).fetch().rowsUpdated().block();
        return portal;
    }

    protected UUID newPortal(UUID org) {
        return newPortal(org, false);
    }

    protected UUID defaultPortal(UUID org) {
        return db.sql("select id from portals where org_id = :org and is_default").bind("org", org)
                .map(row -> row.get("id", UUID.class)).one().block();
    }

    protected void archivePortal(UUID portal) {
        db.sql("update portals set archived_at = now() where id = :id").bind("id", portal).fetch().rowsUpdated().block();
    }

    /** The person in the portal with this portal role, available or away, as routing's projection row. */
    protected void inPortal(UUID org, UUID portal, Person person, PortalRole role, boolean available) {
        db.sql("insert into portal_members (portal_id, org_id, user_id, portal_role) values (:portal, :org, :user, :role) "
                        + "on conflict (portal_id, user_id) do update set portal_role = excluded.portal_role")
                .bind("portal", portal).bind("org", org).bind("user", person.id()).bind("role", role.name())
                .fetch().rowsUpdated().block();
        db.sql("insert into availability (portal_id, org_id, user_id, available, away_since) "
                        + "values (:portal, :org, :user, :available, case when :available then null else now() end) "
                        + "on conflict (portal_id, user_id) do update set available = excluded.available, away_since = excluded.away_since")
                .bind("portal", portal).bind("org", org).bind("user", person.id()).bind("available", available)
                .fetch().rowsUpdated().block();
    }

    /** A client made through the API by {@code admin}; answers its id. */
    protected UUID createClient(UUID org, Person admin, String name) {
        JsonNode created = body(post(admin, Map.of("name", name), "/api/orgs/{org}/clients", org).expectStatus().isCreated());
        return UUID.fromString(created.get("id").asString());
    }

    /** Sets a routing profile through the API (as {@code admin}); expects 200. */
    protected JsonNode setProfile(Person admin, UUID org, Person member, Map<String, Integer> channels, Map<UUID, List<String>> clients) {
        Map<String, List<String>> byKey = new java.util.LinkedHashMap<>();
        clients.forEach((id, list) -> byKey.put(id.toString(), list));
        return body(put(admin, Map.of("channels", channels, "clients", byKey), "/api/orgs/{org}/members/{user}/routing-profile", org, member.id())
                .expectStatus().isOk());
    }

    /** Opens a conversation as the API and the inbound listener do (inside the organization's write); answers it as routed. */
    protected WorkItem openConversation(UUID org, UUID portal, UUID team, UUID client, String channel) {
        var work = new Dispatcher.NewWork(org, Kind.CONVERSATION, "ext-" + UUID.randomUUID(), portal, team, client, channel,
                "Customer", "Hello", Instant.now());
        return writes.write(org, Actor.SYSTEM, () -> dispatcher.open(work)).map(Dispatcher.Opened::item).block();
    }

    /** A work item's status and assignee as the database has them now. */
    protected Map<String, Object> work(UUID workId) {
        return db.sql("select status, assignee_id from work_items where id = :id").bind("id", workId)
                .map(row -> {
                    Map<String, Object> state = new java.util.HashMap<>();
                    state.put("status", row.get("status", String.class));
                    state.put("assignee", row.get("assignee_id", UUID.class));
                    return state;
                }).one().block();
    }

    protected long count(String sql, UUID org) {
        return db.sql(sql).bind("org", org).map(row -> row.get(0, Long.class)).one().block();
    }

    protected WebTestClient.ResponseSpec get(Person as, String uri, Object... vars) {
        return web.get().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, as.bearer()).exchange();
    }

    protected WebTestClient.ResponseSpec post(Person as, Object body, String uri, Object... vars) {
        return web.post().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, as.bearer()).bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec put(Person as, Object body, String uri, Object... vars) {
        return web.put().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, as.bearer()).bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec putEmpty(Person as, String uri, Object... vars) {
        return web.put().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, as.bearer()).exchange();
    }

    protected WebTestClient.ResponseSpec patch(Person as, Object body, String uri, Object... vars) {
        return web.patch().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, as.bearer()).bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec delete(Person as, String uri, Object... vars) {
        return web.delete().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, as.bearer()).exchange();
    }

    protected static JsonNode body(WebTestClient.ResponseSpec response) {
        return JSON.readTree(response.expectBody().returnResult().getResponseBody());
    }

    /** The envelopes of {@code type} on its topic whose key is {@code org}, waiting until at least {@code atLeast} are there. */
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

    /**
     * The audit actions routing recorded for the organization, in the order they were committed, as read from
     * routing.audit.v1 (the outbox clears a row's payload once it is sent), waiting until at least {@code atLeast}.
     */
    protected static List<String> auditActions(UUID org, int atLeast) {
        return events(Topics.ROUTING_AUDIT, EventCatalog.ROUTING_AUDIT_RECORDED.name(), org, atLeast).stream()
                .map(envelope -> envelope.path("data").path("action").asString())
                .toList();
    }

    /** The data of an envelope as the outbox stores it. */
    protected static JsonNode data(String envelope) {
        JsonNode tree = JSON.readTree(envelope);
        while (tree.isString()) {
            tree = JSON.readTree(tree.asString());
        }
        JsonNode data = tree.path("data");
        return data.isString() ? JSON.readTree(data.asString()) : data;
    }
}
