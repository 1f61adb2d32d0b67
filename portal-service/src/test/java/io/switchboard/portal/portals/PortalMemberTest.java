package io.switchboard.portal.portals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.PortalRole;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.portal.PortalMemberRemoved;
import io.switchboard.events.portal.PortalMemberRoleChanged;
import io.switchboard.messaging.change.Change;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PortalMemberTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final UUID MANAGER = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static PortalMember member(boolean available, String note) {
        return new PortalMember(PORTAL, ORG, USER, PortalRole.EMPLOYEE, available, note, T0);
    }

    @Test
    void demotedToAgent_aPortalManagerBecomesEmployee_andAViewerIsAway() {
        PortalMember manager = new PortalMember(PORTAL, ORG, USER, PortalRole.MANAGER, true, null, T0);
        Change<PortalMember> agent = manager.followOrgRole("AGENT", MANAGER, T1);
        assertThat(agent.result().role()).isEqualTo(PortalRole.EMPLOYEE);
        assertThat(agent.result().available()).isTrue();
        assertThat(agent.events()).extracting(e -> (Object) e.data())
                .containsExactly(new PortalMemberRoleChanged(ORG, PORTAL, USER, "MANAGER", "EMPLOYEE"));

        Change<PortalMember> viewer = manager.followOrgRole("VIEWER", MANAGER, T1);
        assertThat(viewer.result().role()).isEqualTo(PortalRole.EMPLOYEE);
        assertThat(viewer.result().available()).isFalse();
        assertThat(viewer.events()).extracting(e -> (Object) e.data()).contains(
                new AvailabilityChanged(ORG, PORTAL, USER, false, null, MANAGER, T1, "ROLE_CHANGED"));

        assertThat(manager.followOrgRole("MANAGER", MANAGER, T1).isEmpty()).isTrue();
        assertThat(manager.followOrgRole("ADMIN", MANAGER, T1).isEmpty()).isTrue();
        assertThat(member(true, null).followOrgRole("AGENT", MANAGER, T1).isEmpty()).isTrue();
    }

    @Test
    void aViewer_joinsAway_sinceTheyTakeNoWork() {
        Change<PortalMember> joined = PortalMember.join(ORG, PORTAL, USER, PortalRole.EMPLOYEE, "VIEWER", MANAGER, T0);
        assertThat(joined.result().available()).isFalse();
        assertThat(joined.events()).extracting(e -> (Object) e.data())
                .contains(new AvailabilityChanged(ORG, PORTAL, USER, false, null, MANAGER, T0, "JOINED"));
    }

    @Test
    void newMember_startsAvailable_withAJoinedAvailabilityEntry() {
        Change<PortalMember> joined = PortalMember.join(ORG, PORTAL, USER, PortalRole.EMPLOYEE, "AGENT", MANAGER, T0);

        assertThat(joined.result().available()).isTrue();
        assertThat(joined.events()).extracting(e -> (Object) e.type())
                .containsExactly(EventCatalog.PORTAL_MEMBER_ADDED, EventCatalog.AVAILABILITY_CHANGED);
        assertThat(availability(joined)).isEqualTo(new AvailabilityChanged(ORG, PORTAL, USER, true, null, MANAGER, T0, "JOINED"));
        assertThat(joined.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("portal.member-added");
            assertThat(entry.after()).containsEntry("portalId", PORTAL).containsEntry("portalRole", "EMPLOYEE");
        });
    }

    @Test
    void goingAway_recordsWhoAndWhen_andSinceMovesOn() {
        Change<PortalMember> away = member(true, null).setAvailability(false, " lunch ", MANAGER, T1);

        assertThat(away.result().available()).isFalse();
        assertThat(away.result().note()).isEqualTo("lunch");
        assertThat(away.result().availableSince()).isEqualTo(T1);
        assertThat(availability(away)).isEqualTo(new AvailabilityChanged(ORG, PORTAL, USER, false, "lunch", MANAGER, T1, "TOGGLED"));
        assertThat(away.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("availability.changed");
            assertThat(entry.before()).containsEntry("available", true);
            assertThat(entry.after()).containsEntry("available", false).containsEntry("portalId", PORTAL);
        });
    }

    @Test
    void sameStateAgain_recordsNothing() {
        assertThat(member(false, "lunch").setAvailability(false, "lunch", USER, T1).isEmpty()).isTrue();
        assertThat(member(false, null).awaySwitch(false, "holiday", USER, T1).isEmpty()).isTrue();
        assertThat(member(false, null).deactivated(null, T1).isEmpty()).isTrue();
    }

    @Test
    void awaySwitch_isItsOwnReason() {
        assertThat(availability(member(true, null).awaySwitch(false, null, USER, T1)).reason()).isEqualTo("AWAY_SWITCH");
        assertThat(availability(member(false, null).awaySwitch(true, null, USER, T1)).reason()).isEqualTo("AWAY_SWITCH");
    }

    @Test
    void deactivation_makesAway_byThePlatform() {
        Change<PortalMember> away = member(true, null).deactivated(null, T1);

        assertThat(availability(away)).isEqualTo(new AvailabilityChanged(ORG, PORTAL, USER, false, null, null, T1, "MEMBER_DEACTIVATED"));
    }

    @Test
    void removalFromTheOrg_leavesThePortal_andIsRecordedAway_evenWhenAlreadyAway() {
        Change<PortalMember> left = member(false, "sick").leave(PortalMember.LeaveReason.MEMBER_REMOVED, MANAGER, T1);

        assertThat(left.events()).extracting(e -> (Object) e.data()).containsExactly(
                new PortalMemberRemoved(ORG, PORTAL, USER, "MEMBER_REMOVED"),
                new AvailabilityChanged(ORG, PORTAL, USER, false, null, MANAGER, T1, "MEMBER_REMOVED"));
        assertThat(left.audit()).extracting(entry -> entry.action()).containsExactly("portal.member-removed", "availability.changed");
    }

    @Test
    void takenOutOfThePortal_orArchived_publishesOnlyTheRemoval() {
        assertThat(member(true, null).leave(PortalMember.LeaveReason.PORTAL_ARCHIVED, MANAGER, T1).events())
                .extracting(e -> (Object) e.data()).containsExactly(new PortalMemberRemoved(ORG, PORTAL, USER, "PORTAL_ARCHIVED"));
    }

    @Test
    void roleChange_toTheSameRole_isNoChange() {
        assertThat(member(true, null).changeRole(PortalRole.EMPLOYEE).isEmpty()).isTrue();
        assertThat(member(true, null).changeRole(PortalRole.MANAGER).events()).extracting(e -> (Object) e.type())
                .containsExactly(EventCatalog.PORTAL_MEMBER_ROLE_CHANGED);
    }

    @Test
    void noteOver200Characters_isRefusedNamingNote() {
        assertThatThrownBy(() -> member(true, null).setAvailability(false, "n".repeat(201), USER, T1))
                .satisfies(e -> PortalTest.assertInvalid(e, "note"));
    }

    private static AvailabilityChanged availability(Change<PortalMember> change) {
        return change.events().stream().filter(e -> e.type() == EventCatalog.AVAILABILITY_CHANGED)
                .map(e -> (AvailabilityChanged) e.data()).findFirst().orElseThrow();
    }
}
