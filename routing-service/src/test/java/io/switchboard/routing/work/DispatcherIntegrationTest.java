package io.switchboard.routing.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.testing.RealServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * The claim, the strategies and the queues on the real PostgreSQL, called as the API and the listeners call them
 * (inside the organization's write). The organization, its portal, members, availability and profiles are set up
 * as rows: this test is about where work goes, not about how routing learns who is who.
 */
@SpringBootTest(properties = {"spring.kafka.consumer.group-id=routing-dispatcher-it", "switchboard.routing.safety-net-interval=1h"})
class DispatcherIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "routing_dispatcher_it");
    }

    @Autowired Dispatcher dispatcher;
    @Autowired QueueDrain queues;
    @Autowired OrgWrites writes;
    @Autowired WorkItems items;
    @Autowired DatabaseClient db;
    @Autowired SafetyNet safetyNet;

    private final Random random = new Random(20261203);

    /** An organization with one portal and one client, set up as routing's projection rows. */
    private final class Org {
        final UUID id = UUID.randomUUID();
        final UUID portal = UUID.randomUUID();
        final UUID client = UUID.randomUUID();
        int opened;

        Org(String strategy) {
            sql("insert into portals (id, org_id, is_default, strategy) values ('" + portal + "', '" + id + "', true, '" + strategy + "')");
            sql("insert into clients (id, org_id, name, created_at) values ('" + client + "', '" + id + "', 'Acme', now())");
        }

        /** An active AGENT in the portal, available, with {@code capacity} on SMS for the client. */
        UUID agent(int capacity) {
            UUID user = UUID.randomUUID();
            sql("insert into org_members (org_id, user_id, role, status) values ('" + id + "', '" + user + "', 'AGENT', 'ACTIVE')");
            sql("insert into portal_members (portal_id, org_id, user_id, portal_role) values ('" + portal + "', '" + id + "', '" + user + "', 'EMPLOYEE')");
            sql("insert into availability (portal_id, org_id, user_id, available) values ('" + portal + "', '" + id + "', '" + user + "', true)");
            sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values ('" + id + "', '" + user + "', 'SMS', true, " + capacity + ")");
            sql("insert into profile_clients (org_id, user_id, client_id, channel) values ('" + id + "', '" + user + "', '" + client + "', 'SMS')");
            return user;
        }

        UUID team(String strategy, UUID... members) {
            UUID team = UUID.randomUUID();
            sql("insert into teams (id, org_id, portal_id, name, strategy, created_at) values ('" + team + "', '" + id + "', '" + portal + "', 'T" + team + "', '" + strategy + "', now())");
            for (UUID member : members) {
                sql("insert into team_members (team_id, org_id, user_id) values ('" + team + "', '" + id + "', '" + member + "')");
            }
            return team;
        }

        WorkItem open() {
            return open(null);
        }

        WorkItem open(UUID team) {
            String external = "ext-" + (++opened);
            return write(() -> dispatcher.open(new Dispatcher.NewWork(id, Kind.CONVERSATION, external, portal, team, client, "SMS", null, null,
                    Instant.now()))).item();
        }

        <T> T write(Supplier<Mono<Change<T>>> step) {
            return writes.write(id, Actor.SYSTEM, step).block();
        }

        WorkItem reload(WorkItem item) {
            return items.find(id, item.id()).block();
        }

        void close(WorkItem item) {
            write(() -> items.lock(id, item.id()).flatMap(locked -> dispatcher.close(locked, null)));
        }

        int openCount(UUID user) {
            return db.sql("select open_count from agent_channels where org_id = :org and user_id = :user and channel = 'SMS'")
                    .bind("org", id).bind("user", user).map(row -> row.get("open_count", Integer.class)).one().block();
        }

        void setAvailable(UUID user, boolean available) {
            sql("update availability set available = " + available + " where portal_id = '" + portal + "' and user_id = '" + user + "'");
        }

        List<String> eventTypes() {
            return db.sql("select event_type from outbox where event_key = :org order by seq").bind("org", id.toString())
                    .map(row -> row.get("event_type", String.class)).all().collectList().block();
        }
    }

    private void sql(String statement) {
        db.sql(statement).fetch().rowsUpdated().block();
    }

    @Test
    void roundRobin_spreadsAThousandAssignmentsWithinOneOfEachOther() {
        Org org = new Org("ROUND_ROBIN");
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            agents.add(org.agent(100));
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(org.open().status()).isEqualTo(WorkStatus.ASSIGNED);
        }
        List<Integer> loads = agents.stream().map(org::openCount).toList();
        assertThat(loads.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
        assertThat(loads.stream().max(Integer::compare).get() - loads.stream().min(Integer::compare).get()).as("loads %s", loads).isLessThanOrEqualTo(1);
    }

    /** Property: over random loads and capacities, LOAD_BALANCED picks an agent whose open/capacity ratio is lowest. */
    @Test
    void loadBalanced_alwaysPicksALowestRatio_overRandomStates() {
        for (int round = 0; round < 60; round++) {
            Org org = new Org("LOAD_BALANCED");
            Map<UUID, int[]> state = new HashMap<>();
            int agents = 2 + random.nextInt(6);
            for (int i = 0; i < agents; i++) {
                int capacity = 1 + random.nextInt(6);
                UUID agent = org.agent(capacity);
                int open = random.nextInt(capacity + 1);
                sql("update agent_channels set open_count = " + open + ", last_assigned_at = now() - interval '" + random.nextInt(1000)
                        + " seconds' where user_id = '" + agent + "'");
                state.put(agent, new int[] {open, capacity});
            }
            WorkItem item = org.open();
            double lowest = state.values().stream().filter(s -> s[0] < s[1]).mapToDouble(s -> (double) s[0] / s[1]).min().orElse(Double.NaN);
            if (Double.isNaN(lowest)) {
                assertThat(item.status()).as("everyone is full").isEqualTo(WorkStatus.QUEUED);
                continue;
            }
            int[] chosen = state.get(item.assigneeId());
            assertThat(chosen).as("round %d: assigned to an agent of the org", round).isNotNull();
            assertThat((double) chosen[0] / chosen[1]).as("round %d: ratio of the chosen agent", round).isEqualTo(lowest);
        }
    }

    @Test
    void loadBalanced_breaksTiesToWhoeverWaitedLongest() {
        Org org = new Org("LOAD_BALANCED");
        UUID recent = org.agent(4);
        UUID waitedLongest = org.agent(4);
        sql("update agent_channels set last_assigned_at = now() - interval '1 minute' where user_id = '" + recent + "'");
        sql("update agent_channels set last_assigned_at = now() - interval '1 hour' where user_id = '" + waitedLongest + "'");
        assertThat(org.open().assigneeId()).isEqualTo(waitedLongest);
    }

    @Test
    void manual_neverAssignsByItself_evenWhenSomeoneHasRoom() {
        Org org = new Org("ROUND_ROBIN");
        UUID agent = org.agent(10);
        UUID team = org.team("MANUAL", agent);
        List<WorkItem> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(org.open(team));
        }
        org.write(() -> queues.drain(org.id));
        sql("update agent_channels set capacity = 50 where user_id = '" + agent + "'");
        org.write(() -> queues.drain(org.id));
        assertThat(opened).extracting(item -> org.reload(item).status()).containsOnly(WorkStatus.QUEUED);
        assertThat(org.openCount(agent)).isZero();
        assertThat(org.eventTypes()).containsOnly("routing.conversation.queued");

        WorkItem assigned = org.write(() -> items.lock(org.id, opened.get(2).id()).flatMap(locked -> dispatcher.assign(locked, agent, false, null)));
        assertThat(assigned.assigneeId()).isEqualTo(agent);
        assertThat(org.openCount(agent)).isEqualTo(1);
    }

    @Test
    void aClose_assignsTheNextQueuedConversation_inFifoOrder_inTheSameTransaction() {
        Org org = new Org("ROUND_ROBIN");
        UUID agent = org.agent(1);
        WorkItem first = org.open();
        WorkItem second = org.open();
        WorkItem third = org.open();
        assertThat(first.assigneeId()).isEqualTo(agent);
        assertThat(second.status()).isEqualTo(WorkStatus.QUEUED);
        assertThat(items.position(org.reload(third)).block()).isEqualTo(2);

        org.close(first);

        assertThat(org.reload(second).assigneeId()).isEqualTo(agent);
        assertThat(org.reload(third).status()).isEqualTo(WorkStatus.QUEUED);
        assertThat(items.position(org.reload(third)).block()).isEqualTo(1);
        assertThat(org.openCount(agent)).isEqualTo(1);
        assertThat(org.eventTypes()).containsExactly("routing.conversation.assigned", "routing.conversation.queued", "routing.conversation.queued",
                "routing.conversation.closed", "routing.conversation.assigned");
    }

    @Test
    void aRemovedAgentsWork_isRoutedAgain_keepingItsPlaceAheadOfLaterConversations() {
        Org org = new Org("ROUND_ROBIN");
        UUID leaving = org.agent(1);
        UUID staying = org.agent(1);
        WorkItem held = org.open();            // to one of them
        WorkItem other = org.open();           // to the other
        WorkItem later = org.open();           // waits
        UUID holder = held.assigneeId();
        UUID otherHolder = other.assigneeId();
        assertThat(later.status()).isEqualTo(WorkStatus.QUEUED);

        sql("delete from org_members where user_id = '" + holder + "'");
        org.write(() -> dispatcher.takeBack(org.id, holder, Optional.empty(), "MEMBER_REMOVED", null));

        assertThat(org.reload(held).status()).as("nobody else has room").isEqualTo(WorkStatus.QUEUED);
        assertThat(items.position(org.reload(held)).block()).as("its original place").isEqualTo(1);
        assertThat(items.position(org.reload(later)).block()).isEqualTo(2);
        assertThat(org.openCount(holder)).isZero();

        org.close(other);
        assertThat(org.reload(held).assigneeId()).as("the older conversation goes first").isEqualTo(otherHolder);
        assertThat(org.reload(later).status()).isEqualTo(WorkStatus.QUEUED);
        assertThat(org.eventTypes()).contains("routing.conversation.rerouted");
        assertThat(List.of(leaving, staying)).contains(holder, otherHolder);
    }

    @Test
    void goingAway_keepsExistingWork_andTakesNoNewWork_untilBack() {
        Org org = new Org("ROUND_ROBIN");
        UUID agent = org.agent(5);
        WorkItem before = org.open();
        org.setAvailable(agent, false);
        WorkItem whileAway = org.open();
        assertThat(org.reload(before).assigneeId()).isEqualTo(agent);
        assertThat(whileAway.status()).isEqualTo(WorkStatus.QUEUED);

        org.setAvailable(agent, true);
        org.write(() -> queues.drain(org.id));
        assertThat(org.reload(whileAway).assigneeId()).isEqualTo(agent);
    }

    @Test
    void openingTheSameExternalIdTwice_isOneConversation_andOneEvent() {
        Org org = new Org("ROUND_ROBIN");
        org.agent(2);
        var work = new Dispatcher.NewWork(org.id, Kind.CONVERSATION, "same", org.portal, null, org.client, "SMS", null, null, Instant.now());
        Dispatcher.Opened first = org.write(() -> dispatcher.open(work));
        Dispatcher.Opened again = org.write(() -> dispatcher.open(work));
        assertThat(first.isNew()).isTrue();
        assertThat(again.isNew()).isFalse();
        assertThat(again.item().id()).isEqualTo(first.item().id());
        assertThat(org.eventTypes()).containsExactly("routing.conversation.assigned");
    }

    @Test
    void manualAssignment_overCapacity_isRefused_unlessForced_andMovesCapacityFromThePreviousAssignee() {
        Org org = new Org("ROUND_ROBIN");
        UUID busy = org.agent(1);
        WorkItem mine = org.open();
        UUID other = org.agent(1);
        WorkItem theirs = org.open();
        assertThat(theirs.assigneeId()).isEqualTo(other);

        WorkItem lockedMine = mine;
        org.write(() -> items.lock(org.id, lockedMine.id()).flatMap(locked -> dispatcher.assign(locked, other, false, null))
                .onErrorResume(e -> {
                    assertThat(e).hasMessageContaining("at capacity");
                    return Mono.just(Change.none(null));
                }));
        assertThat(org.reload(mine).assigneeId()).isEqualTo(busy);

        WorkItem forced = org.write(() -> items.lock(org.id, lockedMine.id()).flatMap(locked -> dispatcher.assign(locked, other, true, null)));
        assertThat(forced.assigneeId()).isEqualTo(other);
        assertThat(org.openCount(other)).isEqualTo(2);
        assertThat(org.openCount(busy)).isZero();
        assertThat(org.eventTypes()).contains("routing.audit.recorded");
    }

    @Test
    void aTeamTargetedConversation_goesOnlyToTeamMembers() {
        Org org = new Org("ROUND_ROBIN");
        UUID outsider = org.agent(5);
        UUID member = org.agent(5);
        UUID team = org.team("LOAD_BALANCED", member);
        for (int i = 0; i < 4; i++) {
            assertThat(org.open(team).assigneeId()).isEqualTo(member);
        }
        assertThat(org.openCount(outsider)).isZero();
        assertThat(org.open(team).status()).as("the team's member is full").isEqualTo(WorkStatus.ASSIGNED);
        assertThat(org.open(team).status()).isEqualTo(WorkStatus.QUEUED);
        assertThat(List.of(outsider)).doesNotContainNull();
        assertThat(Comparator.<Integer>naturalOrder().compare(org.openCount(member), 5)).isZero();
    }

    @Test
    void anUnassignedConversation_isNotHandedBackToWhoeverItWasTakenFrom() {
        Org org = new Org("ROUND_ROBIN");
        UUID only = org.agent(3);
        WorkItem item = org.open();
        assertThat(item.assigneeId()).isEqualTo(only);

        WorkItem after = org.write(() -> items.lock(org.id, item.id()).flatMap(locked -> dispatcher.unassign(locked, null)));
        assertThat(after.status()).as("nobody else can take it: it waits").isEqualTo(WorkStatus.QUEUED);
        assertThat(org.openCount(only)).isZero();
        org.write(() -> queues.drain(org.id));
        assertThat(org.reload(item).status()).as("no later drain (the safety net's included) gives it back to them").isEqualTo(WorkStatus.QUEUED);
        WorkItem next = org.open();
        assertThat(next.assigneeId()).as("later work in its queue still goes to them: they may take it, unlike the one taken from them")
                .isEqualTo(only);
        org.close(next);
        assertThat(org.reload(item).status()).as("their freed room does not bring it back either").isEqualTo(WorkStatus.QUEUED);

        UUID other = org.agent(1);
        org.write(() -> queues.drain(org.id));
        assertThat(org.reload(item).assigneeId()).as("the next one who can").isEqualTo(other);
        assertThat(org.write(() -> items.lock(org.id, item.id()).flatMap(locked -> dispatcher.unassign(locked, null))).status())
                .as("taken from the second person too, with only the first able: it is theirs again").isEqualTo(WorkStatus.ASSIGNED);
        assertThat(org.reload(item).assigneeId()).isEqualTo(only);
    }

    @Test
    void draining_servesTheOldestWorkFirst_acrossQueuesThatShareAgents() {
        Org org = new Org("ROUND_ROBIN");
        UUID otherClient = UUID.randomUUID();
        sql("insert into clients (id, org_id, name, created_at) values ('" + otherClient + "', '" + org.id + "', 'Other', now())");
        UUID agent = org.agent(1);
        sql("insert into profile_clients (org_id, user_id, client_id, channel) values ('" + org.id + "', '" + agent + "', '" + otherClient + "', 'SMS')");
        WorkItem held = org.open();
        List<WorkItem> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID client = i % 2 == 0 ? otherClient : org.client;
            int n = i;
            waiting.add(org.write(() -> dispatcher.open(new Dispatcher.NewWork(org.id, Kind.CONVERSATION, "x-" + n, org.portal, null, client, "SMS",
                    null, null, Instant.now()))).item());
        }
        List<UUID> servedInOrder = new ArrayList<>();
        WorkItem current = held;
        for (int i = 0; i < 4; i++) {
            org.close(current);
            current = waiting.stream().map(org::reload).filter(w -> w.status() == WorkStatus.ASSIGNED).findFirst().orElseThrow();
            servedInOrder.add(current.id());
        }
        assertThat(servedInOrder).containsExactlyElementsOf(waiting.stream().map(WorkItem::id).toList());
    }

    @Test
    void theSafetyNet_reroutesTheWorkOfSomeoneAwayTooLong_butNotOfSomeoneBack() {
        Org org = new Org("ROUND_ROBIN");
        sql("update portals set reroute_away_after_minutes = 10 where id = '" + org.portal + "'");
        UUID away = org.agent(2);
        WorkItem held = org.open();
        assertThat(held.assigneeId()).isEqualTo(away);
        UUID other = org.agent(2);
        sql("update availability set available = false, away_since = now() - interval '11 minutes' where user_id = '" + away + "'");

        safetyNet.round().block();

        assertThat(org.reload(held).assigneeId()).isEqualTo(other);
        assertThat(org.eventTypes()).contains("routing.conversation.rerouted");

        WorkItem second = org.open();
        sql("update availability set available = false, away_since = now() - interval '2 minutes' where user_id = '" + org.reload(second).assigneeId() + "'");
        safetyNet.round().block();
        assertThat(org.reload(second).assigneeId()).as("away for less than the portal's minutes").isNotNull();
    }
}
