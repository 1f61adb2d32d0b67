package io.switchboard.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.MembershipState;
import io.switchboard.events.org.RoleDefined;
import io.switchboard.membership.MembershipProjection.Membership;
import io.switchboard.membership.MembershipProjection.Status;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The updater on the real broker: it loads the current memberships from the state topic and believes only org-service. */
class MembershipProjectionUpdaterTest {

    @Test
    void projectionStartedAfterManyChanges_holdsExactlyTheCurrentMembers() throws Exception {
        String topic = "org.membership-state.test-" + UUID.randomUUID();
        createCompactedTopic(topic);
        UUID org = UUID.randomUUID();
        UUID roleId = UUID.randomUUID();
        Map<UUID, Membership> current = new HashMap<>();
        Random random = new Random(13);
        try (Events events = Events.onSharedBroker()) {
            events.publish(Events.envelope(EventCatalog.ROLE_STATE, org, new RoleDefined(org, roleId, "Editors", List.of("contacts:read")))
                    .withTopic(topic).withKey(Topics.roleStateKey(org, roleId)));
            List<UUID> people = java.util.stream.Stream.generate(UUID::randomUUID).limit(60).toList();
            // 600 changes over 60 people: joins, role changes, deactivations, reactivations and removals (tombstones)
            for (int change = 0; change < 600; change++) {
                UUID person = people.get(random.nextInt(people.size()));
                Membership now = current.get(person);
                if (now != null && random.nextInt(4) == 0) {
                    events.send(topic, Topics.membershipStateKey(org, person), null);
                    current.remove(person);
                } else {
                    String role = List.of("AGENT", "MANAGER", "VIEWER", "custom:" + roleId).get(random.nextInt(4));
                    Status status = now != null && random.nextBoolean() ? Status.DEACTIVATED : Status.ACTIVE;
                    publishState(events, topic, new Membership(org, person, role, status));
                    current.put(person, new Membership(org, person, role, status));
                }
            }
            assertThat(current).isNotEmpty().hasSizeLessThan(people.size());

            MembershipProjection projection = new MembershipProjection();
            MembershipProjectionUpdater updater = start(projection, topic);
            try {
                assertThat(projection.size()).isEqualTo(current.size());
                for (UUID person : people) {
                    assertThat(projection.find(org, person)).as(person.toString()).isEqualTo(java.util.Optional.ofNullable(current.get(person)));
                }
                UUID editor = current.values().stream().filter(m -> m.isActive() && m.role().startsWith("custom:"))
                        .map(Membership::userId).findFirst().orElse(null);
                if (editor != null) {
                    assertThat(projection.permissions(org, editor)).extracting(p -> p.key()).containsExactly("contacts:read");
                }

                // followed live: a removal arriving now is remembered as REMOVED, so the person is refused at once
                UUID leaving = current.keySet().iterator().next();
                events.send(topic, Topics.membershipStateKey(org, leaving), null);
                await().atMost(Duration.ofSeconds(30)).until(() -> projection.find(org, leaving).map(Membership::status).orElse(null) == Status.REMOVED);
                assertThat(projection.permissions(org, leaving)).isEmpty();
            } finally {
                updater.stop();
            }
        }
    }

    @Test
    void forgedStates_onTheTopic_areIgnored_atEveryStart() {
        UUID org = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        try (Events events = Events.onSharedBroker()) {
            // as org-service: the join on org.memberships.v1 and its state on org.membership-state.v1 (Events writes both)
            events.publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, owner, "OWNER"));
            // a removal forged by identity-service: neither the event nor a tombstone may come of it
            events.publish(Events.envelope(EventCatalog.MEMBER_REMOVED, org, new MemberRemoved(org, owner)).withSource("identity-service"));
            UUID intruder = UUID.randomUUID();
            // an ownership forged on the state topic by another service
            events.publish(Events.envelope(EventCatalog.MEMBERSHIP_STATE, org, new MembershipState(org, intruder, "OWNER", "ACTIVE"))
                    .withTopic(Topics.ORG_MEMBERSHIP_STATE).withKey(Topics.membershipStateKey(org, intruder)).withSource("identity-service"));
            // org-service's own state record, but keyed to the attacker's org
            UUID attackersOrg = UUID.randomUUID();
            events.publish(Events.envelope(EventCatalog.MEMBERSHIP_STATE, org, new MembershipState(org, intruder, "OWNER", "ACTIVE"))
                    .withTopic(Topics.ORG_MEMBERSHIP_STATE).withKey(Topics.membershipStateKey(attackersOrg, intruder)).withSubject(attackersOrg.toString()));

            for (int start = 0; start < 2; start++) {
                MembershipProjection projection = new MembershipProjection();
                MembershipProjectionUpdater updater = start(projection, Topics.ORG_MEMBERSHIP_STATE);
                try {
                    assertThat(projection.find(org, owner)).map(Membership::status).contains(Status.ACTIVE);
                    assertThat(projection.find(org, intruder)).isEmpty();
                    assertThat(projection.find(attackersOrg, intruder)).isEmpty();
                } finally {
                    updater.stop();
                }
            }
        }
    }

    private static MembershipProjectionUpdater start(MembershipProjection projection, String topic) {
        MembershipProjectionUpdater updater = new MembershipProjectionUpdater(projection, RealServers.kafka().bootstrapServers(), Map.of(), topic);
        updater.start();
        await().atMost(Duration.ofSeconds(60)).until(updater::isCaughtUp);
        return updater;
    }

    private static void publishState(Events events, String topic, Membership membership) {
        events.publish(Events.envelope(EventCatalog.MEMBERSHIP_STATE, membership.orgId(),
                        new MembershipState(membership.orgId(), membership.userId(), membership.role(), membership.status().name()))
                .withTopic(topic).withKey(Topics.membershipStateKey(membership.orgId(), membership.userId())));
    }

    private static void createCompactedTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }
}
