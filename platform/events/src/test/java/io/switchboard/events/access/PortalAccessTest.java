package io.switchboard.events.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.access.PortalAccess.Work;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PortalAccessTest {

    private static PortalAccess access(BuiltInRole role, PortalRole portalRole) {
        return PortalAccess.of(role.name(), role.permissions(), Optional.ofNullable(portalRole));
    }

    @Test
    void ownersAndAdmins_doEverythingInEveryPortal_withoutBeingMembers() {
        for (BuiltInRole role : new BuiltInRole[] {BuiltInRole.OWNER, BuiltInRole.ADMIN}) {
            PortalAccess access = access(role, null);
            assertThat(access.work()).isEqualTo(Work.ALL);
            assertThat(access.managesMemberWith(PortalRole.MANAGER)).isTrue();
            assertThat(access.setsAvailability(false)).isTrue();
            assertThat(access.readsTeamStats()).isTrue();
            assertThat(PortalAccess.administersPortals(role.name())).isTrue();
        }
    }

    @Test
    void onlyOwnersAndAdmins_administerPortals_whateverPortalsManageSays() {
        assertThat(PortalAccess.administersPortals("MANAGER")).isFalse();
        assertThat(BuiltInRole.MANAGER.permissions()).contains(Permission.PORTALS_MANAGE);
        assertThat(PortalAccess.administersPortals("custom:1")).isFalse();
        assertThat(PortalAccess.administersPortals(null)).isFalse();
    }

    @Test
    void viewer_readsAllWork_andChangesNothing_notEvenTheirOwnAvailability() {
        PortalAccess access = access(BuiltInRole.VIEWER, PortalRole.EMPLOYEE);
        assertThat(access.work()).isEqualTo(Work.ALL);
        assertThat(access.changesWork()).isFalse();
        assertThat(access.setsAvailability(true)).isFalse();
        assertThat(access.managesMemberWith(PortalRole.EMPLOYEE)).isFalse();
    }

    @Test
    void portalManager_seesAllOfTheirPortal_managesEmployeesOnly_andSetsAvailability() {
        PortalAccess access = access(BuiltInRole.MANAGER, PortalRole.MANAGER);
        assertThat(access.work()).isEqualTo(Work.ALL);
        assertThat(access.managesMemberWith(PortalRole.EMPLOYEE)).isTrue();
        assertThat(access.managesMemberWith(PortalRole.MANAGER)).isFalse();
        assertThat(access.setsAvailability(false)).isTrue();
        assertThat(access.readsTeamStats()).isTrue();
    }

    @Test
    void managerOfAnotherPortal_hasNoReachHere() {
        PortalAccess access = access(BuiltInRole.MANAGER, null);
        assertThat(access.seesPortal()).isFalse();
        assertThat(access.managesMemberWith(PortalRole.EMPLOYEE)).isFalse();
        assertThat(access.setsAvailability(false)).isFalse();
    }

    @Test
    void employee_seesTheirOwnWork_andSetsOnlyTheirOwnAvailability() {
        PortalAccess access = access(BuiltInRole.AGENT, PortalRole.EMPLOYEE);
        assertThat(access.work()).isEqualTo(Work.OWN);
        assertThat(access.setsAvailability(true)).isTrue();
        assertThat(access.setsAvailability(false)).isFalse();
        assertThat(access.readsTeamStats()).isFalse();
        assertThat(access(BuiltInRole.AGENT, null).seesPortal()).isFalse();
    }

    @Test
    void customRole_withTheAvailabilityPermission_setsAvailabilityInEveryPortal_andWithoutItDoesNot() {
        Set<Permission> scheduler = EnumSet.of(Permission.AVAILABILITY_MANAGE, Permission.PORTALS_READ);
        PortalAccess withIt = PortalAccess.of("custom:7", scheduler, Optional.empty());
        assertThat(withIt.setsAvailability(false)).isTrue();
        assertThat(withIt.seesPortal()).isTrue();
        assertThat(withIt.work()).isEqualTo(Work.NONE);
        PortalAccess without = PortalAccess.of("custom:8", EnumSet.of(Permission.PORTALS_READ), Optional.empty());
        assertThat(without.setsAvailability(false)).isFalse();
        assertThat(without.seesPortal()).isFalse();
    }

    @Test
    void portalManagerWhoseRoleLacksMembersManage_doesNotManageMembers() {
        PortalAccess access = PortalAccess.of("custom:9", EnumSet.of(Permission.CONVERSATIONS_READ), Optional.of(PortalRole.MANAGER));
        assertThat(access.work()).isEqualTo(Work.ALL);
        assertThat(access.managesMemberWith(PortalRole.EMPLOYEE)).isFalse();
        assertThat(access.setsAvailability(false)).isFalse();
    }

    @Test
    void unknownRole_orNoMembership_getsNothing() {
        PortalAccess access = PortalAccess.of(null, Set.of(), Optional.of(PortalRole.MANAGER));
        assertThat(access.seesPortal()).isFalse();
        assertThat(access.setsAvailability(true)).isFalse();
        assertThat(PortalAccess.of("SUPERUSER", EnumSet.allOf(Permission.class), Optional.of(PortalRole.MANAGER)).seesPortal()).isFalse();
    }

    @Test
    void aManager_bringsInOnlyAgentsAndViewersNobodyElseHas() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        UUID sales = UUID.randomUUID();
        assertThat(PortalAccess.managerMayBringIn("AGENT", Set.of(), Set.of(mine), sales)).isTrue();
        assertThat(PortalAccess.managerMayBringIn("AGENT", Set.of(sales), Set.of(mine), sales)).as("only in the default portal").isTrue();
        assertThat(PortalAccess.managerMayBringIn("VIEWER", Set.of(mine), Set.of(mine), sales)).isTrue();
        assertThat(PortalAccess.managerMayBringIn("AGENT", Set.of(theirs), Set.of(mine), sales)).as("pulling someone from another portal").isFalse();
        assertThat(PortalAccess.managerMayBringIn("AGENT", Set.of(sales, theirs), Set.of(mine), sales)).isFalse();
        assertThat(PortalAccess.managerMayBringIn("MANAGER", Set.of(), Set.of(mine), sales)).isFalse();
        assertThat(PortalAccess.managerMayBringIn("ADMIN", Set.of(), Set.of(mine), sales)).isFalse();
        assertThat(PortalAccess.managerMayBringIn("custom:1", Set.of(), Set.of(mine), sales)).isFalse();
    }

    @Test
    void aManagersInvitee_joinsOnlyTheManagersPortals_asEmployee_whileAnAdminsJoinsWhatWasNamed() {
        UUID mine = UUID.randomUUID();
        UUID alsoMine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        assertThat(PortalAccess.placeInvitee("ADMIN", List.of(theirs), Set.of()))
                .isEqualTo(new PortalAccess.Placement(List.of(theirs), null));
        assertThat(PortalAccess.placeInvitee("MANAGER", List.of(theirs, mine), Set.of(mine, alsoMine)))
                .isEqualTo(new PortalAccess.Placement(List.of(mine), PortalRole.EMPLOYEE));
        assertThat(PortalAccess.placeInvitee("MANAGER", List.of(theirs), Set.of(mine)))
                .as("none of the named is theirs: their own portals").isEqualTo(new PortalAccess.Placement(List.of(mine), PortalRole.EMPLOYEE));
        assertThat(PortalAccess.placeInvitee("MANAGER", List.of(), Set.of()))
                .as("a manager of no portal: the default portal, as EMPLOYEE").isEqualTo(new PortalAccess.Placement(List.of(), PortalRole.EMPLOYEE));
    }

    @Test
    void joiningRules_followTheOrgRole() {
        assertThat(PortalRole.onJoining("MANAGER")).isEqualTo(PortalRole.MANAGER);
        assertThat(PortalRole.onJoining("AGENT")).isEqualTo(PortalRole.EMPLOYEE);
        assertThat(PortalRole.onJoining("custom:1")).isEqualTo(PortalRole.EMPLOYEE);
        assertThat(PortalRole.joinsDefaultPortal("AGENT")).isTrue();
        assertThat(PortalRole.joinsDefaultPortal("MANAGER")).isTrue();
        assertThat(PortalRole.joinsDefaultPortal("custom:1")).isTrue();
        assertThat(PortalRole.joinsDefaultPortal("ADMIN")).isFalse();
        assertThat(PortalRole.joinsDefaultPortal("OWNER")).isFalse();
        assertThat(PortalRole.joinsDefaultPortal("VIEWER")).isFalse();
        assertThat(PortalRole.joinsDefaultPortal(null)).isFalse();
    }
}
