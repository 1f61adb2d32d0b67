package io.switchboard.org.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalRole;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EscalationRulesTest {

    private static final UUID ORG = UUID.randomUUID();

    static Member member(String role, Set<Permission> permissions) {
        return new Member(ORG, UUID.randomUUID(), role, MemberStatus.ACTIVE, "x@acme.test", "X", null, null, null, Instant.EPOCH, permissions);
    }

    static Member member(BuiltInRole role) {
        return member(role.name(), role.permissions());
    }

    @Test
    void onlyOwners_manageOwners() {
        assertThatThrownBy(() -> EscalationRules.requireCanManage(member(BuiltInRole.ADMIN), member(BuiltInRole.OWNER)))
                .isInstanceOf(ProblemException.class);
        assertThatCode(() -> EscalationRules.requireCanManage(member(BuiltInRole.OWNER), member(BuiltInRole.OWNER))).doesNotThrowAnyException();
    }

    @Test
    void managers_manageAgentsAndViewersOnly() {
        Member manager = member(BuiltInRole.MANAGER);
        assertThatCode(() -> EscalationRules.requireCanManage(manager, member(BuiltInRole.AGENT))).doesNotThrowAnyException();
        assertThatCode(() -> EscalationRules.requireCanManage(manager, member(BuiltInRole.VIEWER))).doesNotThrowAnyException();
        assertThatThrownBy(() -> EscalationRules.requireCanManage(manager, member(BuiltInRole.MANAGER))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> EscalationRules.requireCanManage(manager, member(BuiltInRole.ADMIN))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> EscalationRules.requireCanManage(manager, member("custom:" + UUID.randomUUID(), EnumSet.of(Permission.CONTACTS_READ))))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void nobody_managesSomeoneHoldingPermissionsTheyLack() {
        Member customManager = member("custom:" + UUID.randomUUID(), EnumSet.of(Permission.MEMBERS_MANAGE, Permission.CONTACTS_READ));
        assertThatThrownBy(() -> EscalationRules.requireCanManage(customManager, member(BuiltInRole.AGENT))).isInstanceOf(ProblemException.class);
    }

    @Test
    void granting_followsGrantRules() {
        assertThatThrownBy(() -> EscalationRules.requireCanGrant(member(BuiltInRole.ADMIN), "OWNER", BuiltInRole.OWNER.permissions()))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> EscalationRules.requireCanGrant(member(BuiltInRole.MANAGER), "ADMIN", BuiltInRole.ADMIN.permissions()))
                .isInstanceOf(ProblemException.class);
        assertThatCode(() -> EscalationRules.requireCanGrant(member(BuiltInRole.MANAGER), "AGENT", BuiltInRole.AGENT.permissions()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> EscalationRules.requireCanGrant(member(BuiltInRole.MANAGER), "custom:" + UUID.randomUUID(),
                EnumSet.of(Permission.SETTINGS_WRITE))).isInstanceOf(ProblemException.class);
    }

    private static final UUID SALES = UUID.randomUUID();
    private static final UUID SUPPORT = UUID.randomUUID();

    @Test
    void manager_reachesAMemberOfAPortalTheyManage() {
        Member manager = member(BuiltInRole.MANAGER);
        assertThatCode(() -> EscalationRules.requireWithinReach(manager, Map.of(SALES, PortalRole.MANAGER), List.of(SALES)))
                .doesNotThrowAnyException();
        // one shared managed portal is enough, whatever else either is in
        assertThatCode(() -> EscalationRules.requireWithinReach(manager, Map.of(SALES, PortalRole.MANAGER, SUPPORT, PortalRole.EMPLOYEE),
                List.of(SUPPORT, SALES))).doesNotThrowAnyException();
    }

    @Test
    void manager_doesNotReachAMemberOutsideTheirPortals_withTheProblemSayingWhy() {
        Member manager = member(BuiltInRole.MANAGER);
        assertThatThrownBy(() -> EscalationRules.requireWithinReach(manager, Map.of(SALES, PortalRole.MANAGER), List.of(SUPPORT)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(403);
                    assertThat(problem.getMessage()).isEqualTo("Managers manage members of the portals they manage.");
                });
        assertThatThrownBy(() -> EscalationRules.requireWithinReach(manager, Map.of(SALES, PortalRole.MANAGER), List.of()))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> EscalationRules.requireWithinReach(manager, Map.of(), List.of(SALES)))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void manager_whoIsOnlyAnEmployeeOfTheTargetsPortal_doesNotReachThem() {
        assertThatThrownBy(() -> EscalationRules.requireWithinReach(member(BuiltInRole.MANAGER), Map.of(SALES, PortalRole.EMPLOYEE),
                List.of(SALES))).isInstanceOf(ProblemException.class);
    }

    @Test
    void ownersAndAdmins_areNotLimitedByPortals() {
        for (BuiltInRole role : List.of(BuiltInRole.OWNER, BuiltInRole.ADMIN)) {
            assertThatCode(() -> EscalationRules.requireWithinReach(member(role), Map.of(), List.of(SUPPORT))).doesNotThrowAnyException();
            assertThatCode(() -> EscalationRules.requireWithinReach(member(role), Map.of(), List.of())).doesNotThrowAnyException();
        }
    }

    @Test
    void customRoles_areNotLimitedByPortals() {
        Member custom = member("custom:" + UUID.randomUUID(), EnumSet.of(Permission.MEMBERS_MANAGE, Permission.MEMBERS_READ));
        assertThatCode(() -> EscalationRules.requireWithinReach(custom, Map.of(), List.of(SUPPORT))).doesNotThrowAnyException();
        assertThatCode(() -> EscalationRules.requireWithinReach(custom, Map.of(SALES, PortalRole.EMPLOYEE), List.of())).doesNotThrowAnyException();
    }

    @Test
    void roleChanges_neverLetAManagerMakeAManager() {
        assertThatThrownBy(() -> EscalationRules.requireCanGrant(member(BuiltInRole.MANAGER), "MANAGER", BuiltInRole.MANAGER.permissions()))
                .isInstanceOf(ProblemException.class);
    }
}
