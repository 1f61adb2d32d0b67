package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.OrganizationDeleted;
import io.switchboard.messaging.MessagingTestApplication.OrgDeletionsConsumer;
import io.switchboard.testing.Events;
import io.switchboard.testing.Events.Envelope;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared consumer path believes a record only from the owner of its topic and only when its subject,
 * key and data.orgId agree: raw records on the real broker, consumed by a real listener through the inbox.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class ForgedRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLT = Topics.deadLetter(Topics.ORG_MEMBERSHIPS);
    private static final Events events = Events.onSharedBroker();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "messaging_test");
    }

    @Autowired DatabaseClient db;
    @Autowired OrgDeletionsConsumer consumer;

    @AfterAll
    static void closeEvents() {
        events.close();
    }

    @Test
    void forgedOrganizationDeleted_fromAnotherSource_goesToTheDltWithTheReason() {
        UUID org = UUID.randomUUID();
        Envelope forged = events.publish(deletion(org).withSource("identity-service"));
        Envelope genuine = events.publish(deletion(org));

        ConsumerRecord<String, String> parked = events.await(DLT, Events.withEventId(forged.id()), WAIT);
        assertThat(Events.header(parked, RejectedRecordException.HEADER))
                .contains("source identity-service may not publish on org.memberships.v1");
        assertThat(parked.key()).isEqualTo(org.toString());

        // the genuine deletion behind it (same key, same partition) applies: the consumer moved on
        await().atMost(WAIT).until(() -> deletionsApplied(genuine.id()) == 1);
        assertThat(deletionsApplied(forged.id())).isZero();
        assertThat(inboxRows(forged.id())).isZero();
        assertThat(consumer.attempts.get(forged.id().toString())).as("tried once, no retries").isEqualTo(1);
        assertThat(events.records(DLT).stream().filter(Events.withEventId(genuine.id()))).isEmpty();
    }

    @Test
    void forgedOrganizationDeleted_withoutSource_goesToTheDlt() {
        UUID org = UUID.randomUUID();
        Envelope forged = events.publish(deletion(org).withSource(null));

        ConsumerRecord<String, String> parked = events.await(DLT, Events.withEventId(forged.id()), WAIT);
        assertThat(Events.header(parked, RejectedRecordException.HEADER)).contains("source (none) may not publish on org.memberships.v1");
        assertThat(deletionsOf(org)).isZero();
    }

    @Test
    void subjectKeyAndOrgIdDisagree_goesToTheDlt() {
        UUID org = UUID.randomUUID();
        UUID victim = UUID.randomUUID();
        Envelope otherKey = events.publish(deletion(org).withKey(victim.toString()));
        Envelope otherSubject = events.publish(deletion(org).withSubject(victim.toString()));
        // the data names the victim while subject and key name the attacker's own org
        Envelope otherData = events.publish(deletion(org).withDataField("orgId", victim.toString()));
        Envelope noKey = events.publish(deletion(org).withKey(null));

        assertThat(reasonFor(otherKey)).isEqualTo("record key " + victim + " does not match subject " + org);
        assertThat(reasonFor(otherSubject)).isEqualTo("record key " + org + " does not match subject " + victim);
        assertThat(reasonFor(otherData)).isEqualTo("data.orgId " + victim + " does not match subject " + org);
        assertThat(reasonFor(noKey)).isEqualTo("record key (none) does not match subject " + org);
        assertThat(deletionsOf(org)).isZero();
        assertThat(deletionsOf(victim)).isZero();
        for (Envelope rejected : new Envelope[] {otherKey, otherSubject, otherData, noKey}) {
            assertThat(inboxRows(rejected.id())).isZero();
            assertThat(consumer.attempts.get(rejected.id().toString())).isEqualTo(1);
        }
    }

    @Test
    void organizationDeleted_fromOrgService_isApplied() {
        UUID org = UUID.randomUUID();
        Envelope genuine = events.publish(deletion(org));
        assertThat(genuine.source()).isEqualTo("org-service");

        await().atMost(WAIT).until(() -> deletionsApplied(genuine.id()) == 1);
        assertThat(inboxRows(genuine.id())).isEqualTo(1);
    }

    private static Envelope deletion(UUID org) {
        return Events.envelope(EventCatalog.ORGANIZATION_DELETED, org, new OrganizationDeleted(org));
    }

    private static String reasonFor(Envelope envelope) {
        return Events.header(events.await(DLT, Events.withEventId(envelope.id()), WAIT), RejectedRecordException.HEADER).orElseThrow();
    }

    private long deletionsApplied(UUID eventId) {
        return count("select count(*) from deleted_orgs where event_id = '" + eventId + "'");
    }

    private long deletionsOf(UUID org) {
        return count("select count(*) from deleted_orgs where org_id = '" + org + "'");
    }

    private long inboxRows(UUID eventId) {
        return count("select count(*) from inbox where event_id = '" + eventId + "'");
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
