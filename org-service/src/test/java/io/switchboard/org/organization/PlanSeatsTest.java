package io.switchboard.org.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.OrganizationUpdated;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlanSeatsTest {

    static Organization org(Plan plan, int seats) {
        return new Organization(UUID.randomUUID(), "Acme", plan, seats, "UTC", "+33 1", "billing@acme.test", UUID.randomUUID(), Instant.EPOCH, false);
    }

    @Test
    void plans_haveTheSeedsSeats_andOperatorsMaySetOthers() {
        assertThat(Plan.FREE_TRIAL.seats(null)).isEqualTo(1);
        assertThat(Plan.GROWTH.seats(null)).isEqualTo(5);
        assertThat(Plan.SCALE.seats(null)).isEqualTo(10);
        assertThat(Plan.ENTERPRISE.seats(400)).isEqualTo(400);
    }

    @Test
    void newOrganization_startsOnFreeTrial_withItsCreatorAsOwner() {
        UUID creator = UUID.randomUUID();
        var created = Organization.create("  Acme  ", creator, "Alice Owner", "alice@acme.test", Instant.EPOCH);
        assertThat(created.result().plan()).isEqualTo(Plan.FREE_TRIAL);
        assertThat(created.result().seatLimit()).isEqualTo(1);
        assertThat(created.result().name()).isEqualTo("Acme");
        assertThat(created.result().primaryOwnerId()).isEqualTo(creator);
        assertThat(created.events()).extracting(event -> event.type().name()).containsExactly("org.organization.created", "org.member.joined");
        assertThat(created.audit()).singleElement().satisfies(entry -> assertThat(entry.action()).isEqualTo("org.created"));
        assertThat(created.result().managersMayInviteManagers()).isFalse();
        // the creator's org.member.joined says who they are, and names no portal
        assertThat(created.events().get(1).data()).isEqualTo(new MemberJoined(created.result().id(), creator, "OWNER", "Alice Owner",
                "alice@acme.test", List.of(), null));
    }

    @Test
    void managersMayInviteManagers_isASetting_publishedAndAuditedBeforeAndAfter() {
        Organization growth = org(Plan.GROWTH, 5);
        var change = growth.update(null, null, null, null, true);
        assertThat(change.result().managersMayInviteManagers()).isTrue();
        assertThat(change.events()).singleElement().satisfies(event ->
                assertThat(((OrganizationUpdated) event.data()).managersMayInviteManagers()).isTrue());
        assertThat(change.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("org.updated");
            assertThat(entry.before().get("managersMayInviteManagers")).isEqualTo(false);
            assertThat(entry.after().get("managersMayInviteManagers")).isEqualTo(true);
        });
        assertThat(change.result().update(null, null, null, null, true).events()).isEmpty();
        // other changes keep it
        assertThat(change.result().update("Renamed", null, null, null, null).result().managersMayInviteManagers()).isTrue();
        assertThat(change.result().changePlan(Plan.SCALE, null).result().managersMayInviteManagers()).isTrue();
    }

    @Test
    void freeTrial_hasExactlyOneAgentSeat() {
        Organization trial = org(Plan.FREE_TRIAL, 1);
        assertThatCode(() -> trial.requireFreeSeat(0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> trial.requireFreeSeat(1))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.getMessage()).endsWith("Need more seats? Contact support or upgrade your plan.");
                    assertThat(problem.properties()).containsEntry("seatLimit", 1).containsEntry("seatsTaken", 1L);
                });
    }

    @Test
    void planChange_raisesOrganizationUpdated_once() {
        Organization trial = org(Plan.FREE_TRIAL, 1);
        var change = trial.changePlan(Plan.SCALE, null);
        assertThat(change.result().seatLimit()).isEqualTo(10);
        assertThat(change.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventCatalog.ORGANIZATION_UPDATED);
            assertThat(((OrganizationUpdated) event.data()).plan()).isEqualTo("SCALE");
        });
        assertThat(change.audit()).singleElement().satisfies(entry -> assertThat(entry.action()).isEqualTo("org.plan-changed"));
        var again = change.result().changePlan(Plan.SCALE, 10);
        assertThat(again.events()).isEmpty();
        assertThat(again.audit()).isEmpty();
    }

    @Test
    void settingsUpdate_keepsPlanAndSeats() {
        Organization growth = org(Plan.GROWTH, 5);
        var change = growth.update(null, "Europe/Paris", null, "new@acme.test", null);
        assertThat(change.result().plan()).isEqualTo(Plan.GROWTH);
        assertThat(change.result().seatLimit()).isEqualTo(5);
        assertThat(change.result().billingEmail()).isEqualTo("new@acme.test");
        assertThat(growth.update(null, null, null, null, null).events()).isEmpty();
    }
}
