package io.switchboard.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.OrganizationDeleted;
import io.switchboard.membership.MembershipProjection.Status;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The updater on the real broker: it rebuilds the projection from org.memberships.v1 and believes only org-service. */
class MembershipProjectionUpdaterTest {

    @Test
    void forgedOrganizationDeleted_onTheTopic_isIgnored_atEveryStart() {
        UUID org = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        try (Events events = Events.onSharedBroker()) {
            events.publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, owner, "OWNER"));
            events.publish(Events.envelope(EventCatalog.ORGANIZATION_DELETED, org, new OrganizationDeleted(org)).withSource("identity-service"));
            // a join forged for the victim's org, keyed to the attacker's own org
            UUID attackersOrg = UUID.randomUUID();
            UUID intruder = UUID.randomUUID();
            events.publish(Events.envelope(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, intruder, "OWNER"))
                    .withKey(attackersOrg.toString()).withSubject(attackersOrg.toString()));

            for (int start = 0; start < 2; start++) {
                MembershipProjection projection = new MembershipProjection();
                MembershipProjectionUpdater updater = new MembershipProjectionUpdater(projection, RealServers.kafka().bootstrapServers());
                updater.start();
                try {
                    await().atMost(Duration.ofSeconds(30)).until(updater::isCaughtUp);
                    assertThat(projection.find(org, owner)).map(MembershipProjection.Membership::status).contains(Status.ACTIVE);
                    assertThat(projection.find(org, intruder)).isEmpty();
                    assertThat(projection.find(attackersOrg, intruder)).isEmpty();
                } finally {
                    updater.stop();
                }
            }
        }
    }
}
