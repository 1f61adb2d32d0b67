package io.switchboard.routing.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.work.Dispatcher;
import io.switchboard.routing.work.QueueDrain;
import io.switchboard.routing.work.WorkItem;
import io.switchboard.routing.work.WorkRecords;
import io.switchboard.routing.work.WorkStatus;
import io.switchboard.events.Topics;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * Leads through the same claim and queues as conversations, on the real PostgreSQL, called as the API and the
 * listener call them (inside the organization's write). Organization, portal, members, availability and profiles
 * are set up as rows.
 */
@SpringBootTest(properties = {"spring.kafka.consumer.group-id=routing-leads-it", "switchboard.routing.safety-net-interval=1h"})
class LeadRoutingIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "routing_leads_it");
    }

    @Autowired LeadOpenings openings;
    @Autowired LeadService leads;
    @Autowired Dispatcher dispatcher;
    @Autowired QueueDrain queues;
    @Autowired OrgWrites writes;
    @Autowired WorkRecords work;
    @Autowired DatabaseClient db;

    private static final Events EVENTS = Events.onSharedBroker();

    private final Random random = new Random(20261204);

    private final class Org {
        final UUID id = UUID.randomUUID();
        final UUID portal = UUID.randomUUID();
        final UUID client = UUID.randomUUID();
        int opened;

        Org(String strategy) {
            sql("insert into portals (id, org_id, is_default, strategy) values ('" + portal + "', '" + id + "', true, '" + strategy + "')");
            sql("insert into clients (id, org_id, name, created_at) values ('" + client + "', '" + id + "', 'Acme', now())");
        }

        /** An active AGENT in the portal, available, handling the client on SMS, with {@code leadCapacity} (null: unbounded). */
        UUID agent(Integer leadCapacity) {
            UUID user = UUID.randomUUID();
            sql("insert into org_members (org_id, user_id, role, status) values ('" + id + "', '" + user + "', 'AGENT', 'ACTIVE')");
            sql("insert into portal_members (portal_id, org_id, user_id, portal_role) values ('" + portal + "', '" + id + "', '" + user + "', 'EMPLOYEE')");
            sql("insert into availability (portal_id, org_id, user_id, available) values ('" + portal + "', '" + id + "', '" + user + "', true)");
            sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values ('" + id + "', '" + user + "', 'SMS', true, 5)");
            sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values ('" + id + "', '" + user + "', 'LEAD', true, "
                    + leadCapacity + ")");
            sql("insert into profile_clients (org_id, user_id, client_id, channel) values ('" + id + "', '" + user + "', '" + client + "', 'SMS')");
            return user;
        }

        UUID team(String strategy, UUID... members) {
            UUID team = UUID.randomUUID();
            sql("insert into teams (id, org_id, portal_id, name, strategy, created_at) values ('" + team + "', '" + id + "', '" + portal + "', 'T" + team
                    + "', '" + strategy + "', now())");
            for (UUID member : members) {
                sql("insert into team_members (team_id, org_id, user_id) values ('" + team + "', '" + id + "', '" + member + "')");
            }
            return team;
        }

        WorkItem open() {
            return open(null);
        }

        WorkItem open(UUID team) {
            NewLead lead = NewLead.checked(id, "lead-" + (++opened), portal, team, client, "web-form", "Avery", null, null, null, null, Instant.now());
            return write(() -> openings.open(lead)).item();
        }

        WorkItem status(WorkItem item, String statusId) {
            return write(() -> work.lock(id, item.id()).flatMap(locked -> leads.moveStatus(locked, statusId, null)));
        }

        <T> T write(Supplier<Mono<Change<T>>> step) {
            return writes.write(id, Actor.SYSTEM, step).block();
        }

        WorkItem reload(WorkItem item) {
            return work.find(id, item.id()).block();
        }

        int openLeads(UUID user) {
            return db.sql("select open_count from agent_channels where org_id = :org and user_id = :user and channel = 'LEAD'")
                    .bind("org", id).bind("user", user).map(row -> row.get("open_count", Integer.class)).one().block();
        }

        List<String> eventTypes() {
            return db.sql("select event_type from outbox where event_key = :org order by seq").bind("org", id.toString())
                    .map(row -> row.get("event_type", String.class)).all().collectList().block();
        }

        /** The {@code n}th (from 0) event of this type for the organization as published on routing.assignments.v1 (the outbox row's payload goes once sent). */
        String published(String type, int n) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                List<String> found = EVENTS.records(Topics.ROUTING_ASSIGNMENTS).stream()
                        .filter(record -> record.key().equals(id.toString()) && record.value().contains("\"type\":\"" + type + "\""))
                        .map(record -> record.value()).toList();
                if (found.size() > n) {
                    return found.get(n);
                }
                assertThat(System.nanoTime()).as("%s #%d published within 30 s", type, n).isLessThan(deadline);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void sql(String statement) {
        db.sql(statement).fetch().rowsUpdated().block();
    }

    @Test
    void roundRobin_spreadsLeadsWithinOneOfEachOther_andLeadsDoNotTouchConversationCapacity() {
        Org org = new Org("ROUND_ROBIN");
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(org.agent(null));
        }
        for (int i = 0; i < 101; i++) {
            WorkItem lead = org.open();
            assertThat(lead.status()).isEqualTo(WorkStatus.ASSIGNED);
            assertThat(lead.statusId()).isEqualTo("new");
        }
        List<Integer> loads = agents.stream().map(org::openLeads).toList();
        assertThat(loads.stream().mapToInt(Integer::intValue).sum()).isEqualTo(101);
        assertThat(loads.stream().max(Integer::compare).get() - loads.stream().min(Integer::compare).get()).as("loads %s", loads).isLessThanOrEqualTo(1);
        assertThat(count("select count(*) from agent_channels where org_id = '" + org.id + "' and channel = 'SMS' and open_count > 0")).isZero();
        assertThat(org.eventTypes()).containsOnly("routing.lead.assigned");
        assertThat(org.published("routing.lead.assigned", 0)).contains("\"leadCapacity\":null").contains("\"source\":\"web-form\"")
                .contains("\"statusId\":\"new\"");
    }

    /** Property: over random lead loads and capacities, LOAD_BALANCED picks an agent whose open/capacity ratio is lowest. */
    @Test
    void loadBalanced_alwaysPicksALowestRatio_overRandomStates() {
        for (int round = 0; round < 30; round++) {
            Org org = new Org("LOAD_BALANCED");
            Map<UUID, int[]> state = new HashMap<>();
            int agents = 2 + random.nextInt(5);
            for (int i = 0; i < agents; i++) {
                int capacity = 1 + random.nextInt(6);
                UUID agent = org.agent(capacity);
                int open = random.nextInt(capacity + 1);
                sql("update agent_channels set open_count = " + open + ", last_assigned_at = now() - interval '" + random.nextInt(1000)
                        + " seconds' where user_id = '" + agent + "' and channel = 'LEAD'");
                state.put(agent, new int[] {open, capacity});
            }
            WorkItem item = org.open();
            double lowest = state.values().stream().filter(s -> s[0] < s[1]).mapToDouble(s -> (double) s[0] / s[1]).min().orElse(Double.NaN);
            if (Double.isNaN(lowest)) {
                assertThat(item.status()).as("everyone is full").isEqualTo(WorkStatus.QUEUED);
                continue;
            }
            int[] chosen = state.get(item.assigneeId());
            assertThat((double) chosen[0] / chosen[1]).as("round %d: ratio of the chosen agent", round).isEqualTo(lowest);
        }
    }

    @Test
    void manual_neverAutoAssignsLeads() {
        Org org = new Org("ROUND_ROBIN");
        UUID agent = org.agent(10);
        UUID team = org.team("MANUAL", agent);
        WorkItem lead = org.open(team);
        org.write(() -> queues.drain(org.id));
        assertThat(org.reload(lead).status()).isEqualTo(WorkStatus.QUEUED);
        assertThat(org.eventTypes()).containsExactly("routing.lead.queued");
        assertThat(org.published("routing.lead.queued", 0)).contains("\"reason\":\"MANUAL_STRATEGY\"");
    }

    @Test
    void capacityIsNeverExceeded_andWonFreesItForTheNextQueuedLead_inTheSameWrite() {
        Org org = new Org("ROUND_ROBIN");
        UUID agent = org.agent(2);
        WorkItem first = org.open();
        WorkItem second = org.open();
        WorkItem third = org.open();
        WorkItem fourth = org.open();
        assertThat(List.of(first, second)).extracting(WorkItem::assigneeId).containsOnly(agent);
        assertThat(List.of(third, fourth)).extracting(WorkItem::status).containsOnly(WorkStatus.QUEUED);
        assertThat(org.openLeads(agent)).isEqualTo(2);

        org.status(first, "contacted");
        assertThat(org.reload(third).status()).as("an OPEN status keeps the lead and its capacity").isEqualTo(WorkStatus.QUEUED);

        WorkItem won = org.status(first, "won");
        assertThat(won.status()).isEqualTo(WorkStatus.CLOSED);
        assertThat(org.reload(third).assigneeId()).as("FIFO: the oldest queued lead").isEqualTo(agent);
        assertThat(org.reload(fourth).status()).isEqualTo(WorkStatus.QUEUED);
        assertThat(org.openLeads(agent)).isEqualTo(2);
        List<String> types = org.eventTypes();
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly("routing.lead.status-changed", "routing.lead.assigned");
        assertThat(org.published("routing.lead.status-changed", 1)).contains("\"fromStatusId\":\"contacted\"").contains("\"toStatusId\":\"won\"")
                .contains("\"outcome\":\"WON\"");
        assertThat(count("select count(*) from lead_status_history where work_id = '" + first.id() + "'")).isEqualTo(2);

        // a closed lead's status changes no more
        assertThatThrownBy(() -> org.status(first, "lost")).isInstanceOf(ProblemException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> org.status(first, "new")).isInstanceOf(ProblemException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> org.status(second, "nope")).isInstanceOf(ProblemException.class);
    }

    @Test
    void raisingLeadCapacity_orComingBack_drainsTheLeadQueue() {
        Org org = new Org("ROUND_ROBIN");
        UUID agent = org.agent(0);
        WorkItem lead = org.open();
        assertThat(lead.status()).isEqualTo(WorkStatus.QUEUED);
        sql("update agent_channels set capacity = 1 where user_id = '" + agent + "' and channel = 'LEAD'");
        sql("update availability set available = false where user_id = '" + agent + "'");
        org.write(() -> queues.drainFor(org.id, agent));
        assertThat(org.reload(lead).status()).as("away: takes nothing").isEqualTo(WorkStatus.QUEUED);
        sql("update availability set available = true where user_id = '" + agent + "'");
        org.write(() -> queues.drainFor(org.id, agent));
        assertThat(org.reload(lead).assigneeId()).isEqualTo(agent);
        assertThat(org.openLeads(agent)).isEqualTo(1);
    }

    @Test
    void aQueuedLeadsStatusChanges_withoutAnAssignee_andWonClosesItWithoutTouchingCapacity() {
        Org org = new Org("ROUND_ROBIN");
        UUID agent = org.agent(0);
        WorkItem lead = org.open();
        assertThat(lead.status()).isEqualTo(WorkStatus.QUEUED);
        WorkItem lost = org.status(lead, "lost");
        assertThat(lost.status()).isEqualTo(WorkStatus.CLOSED);
        assertThat(lost.assigneeId()).isNull();
        assertThat(org.openLeads(agent)).isZero();
        assertThat(org.published("routing.lead.status-changed", 0)).contains("\"assigneeId\":null");
    }

    @Test
    void aPortalWhoseLeadsAreNotCapacityBound_ignoresLeadCapacity_butKeepsTheCount() {
        Org org = new Org("ROUND_ROBIN");
        UUID agent = org.agent(1);
        sql("update portals set leads_capacity_bound = false where id = '" + org.portal + "'");
        for (int i = 0; i < 3; i++) {
            assertThat(org.open().assigneeId()).isEqualTo(agent);
        }
        assertThat(org.openLeads(agent)).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(org.published("routing.lead.assigned", i)).contains("\"leadCapacity\":null");
        }
    }

    @Test
    void leadsNeedTheirClientInTheProfile_onAnyChannel() {
        Org org = new Org("ROUND_ROBIN");
        UUID agent = org.agent(5);
        sql("update profile_clients set channel = 'EMAIL' where user_id = '" + agent + "'");
        sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values ('" + org.id + "', '" + agent + "', 'EMAIL', true, 1)");
        assertThat(org.open().assigneeId()).isEqualTo(agent);
        sql("delete from profile_clients where user_id = '" + agent + "'");
        assertThat(org.open().status()).isEqualTo(WorkStatus.QUEUED);
    }

    @Test
    void aRemovedAgentsLeads_areReroutedToSomeoneElse_withAReroutedEventWithoutChannel() {
        Org org = new Org("ROUND_ROBIN");
        UUID leaving = org.agent(5);
        WorkItem lead = org.open();
        assertThat(lead.assigneeId()).isEqualTo(leaving);
        UUID staying = org.agent(5);
        org.write(() -> dispatcher.takeBack(org.id, leaving, Optional.empty(), "MEMBER_REMOVED", null));
        assertThat(org.reload(lead).assigneeId()).isEqualTo(staying);
        assertThat(org.openLeads(leaving)).isZero();
        assertThat(org.published("routing.lead.rerouted", 0)).contains("\"kind\":\"LEAD\"").contains("\"channel\":null")
                .contains("\"reason\":\"MEMBER_REMOVED\"");
    }

    @Test
    void manualAssignment_withinRules_respectsLeadCapacity_unlessForced() {
        Org org = new Org("ROUND_ROBIN");
        UUID full = org.agent(0);
        WorkItem lead = org.open();
        assertThat(lead.status()).isEqualTo(WorkStatus.QUEUED);
        assertThatThrownBy(() -> org.write(() -> work.lock(org.id, lead.id()).flatMap(locked -> dispatcher.assign(locked, full, false, null))))
                .isInstanceOf(ProblemException.class).hasMessageContaining("lead capacity");
        WorkItem forced = org.write(() -> work.lock(org.id, lead.id()).flatMap(locked -> dispatcher.assign(locked, full, true, null)));
        assertThat(forced.assigneeId()).isEqualTo(full);
        assertThat(org.openLeads(full)).isEqualTo(1);
        // read from the topic: the relay clears a sent row's payload, possibly before the test could read it
        Predicate<ConsumerRecord<String, String>> forcedAudit = record -> record.key().equals(org.id.toString())
                && record.value().contains("routing.lead.assigned.forced");
        EVENTS.await(Topics.ROUTING_AUDIT, forcedAudit, Duration.ofSeconds(30));
        assertThat(EVENTS.records(Topics.ROUTING_AUDIT).stream().filter(forcedAudit)).hasSize(1);
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
