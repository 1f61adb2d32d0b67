package io.switchboard.identity.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.routing.RoutingSetup;
import io.switchboard.web.ProblemException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule checked when inviting and re-checked at acceptance and on membership or org-setting events. */
class InviterRightsRuleTest {

    private static java.util.Optional<String> refusal(BuiltInRole inviter, BuiltInRole role, boolean managersMayInviteManagers) {
        return InviterRights.refusal(inviter.name(), inviter.permissions(), role.name(), role.permissions(), managersMayInviteManagers);
    }

    @Test
    void managerMayGiveAgent_butNotOnceDemotedToAgent() {
        assertThat(refusal(BuiltInRole.MANAGER, BuiltInRole.AGENT, false)).isEmpty();
        assertThat(refusal(BuiltInRole.AGENT, BuiltInRole.AGENT, false)).isPresent();
    }

    @Test
    void adminDemotedToManager_loosesAdminInvitations_keepsAgentOnes() {
        assertThat(refusal(BuiltInRole.MANAGER, BuiltInRole.ADMIN, false)).isPresent();
        assertThat(refusal(BuiltInRole.MANAGER, BuiltInRole.VIEWER, false)).isEmpty();
    }

    @Test
    void noRole_meansNoRight() {
        assertThat(InviterRights.refusal(null, Set.of(), "VIEWER", BuiltInRole.VIEWER.permissions(), true)).isPresent();
    }

    @Test
    void managerGivesManager_onlyWithTheOrgSetting() {
        assertThat(refusal(BuiltInRole.MANAGER, BuiltInRole.MANAGER, false)).hasValueSatisfying(reason -> assertThat(reason).contains("AGENT and VIEWER"));
        assertThat(refusal(BuiltInRole.MANAGER, BuiltInRole.MANAGER, true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void managerNeverGivesAdminOrOwner_whateverTheSetting(boolean managersMayInviteManagers) {
        assertThat(refusal(BuiltInRole.MANAGER, BuiltInRole.ADMIN, managersMayInviteManagers)).isPresent();
        assertThat(refusal(BuiltInRole.MANAGER, BuiltInRole.OWNER, managersMayInviteManagers)).isPresent();
    }

    @Test
    void theSetting_givesNoOneElseAnything() {
        assertThat(refusal(BuiltInRole.AGENT, BuiltInRole.MANAGER, true)).as("AGENT cannot invite at all").isPresent();
        assertThat(refusal(BuiltInRole.VIEWER, BuiltInRole.VIEWER, true)).isPresent();
        assertThat(refusal(BuiltInRole.ADMIN, BuiltInRole.OWNER, true)).isPresent();
        assertThat(refusal(BuiltInRole.ADMIN, BuiltInRole.MANAGER, false)).as("admins need no setting").isEmpty();
    }

    @Test
    void customRoleInviter_isJudgedByPermissions_notByTheSetting() {
        Set<Permission> inviter = EnumSet.of(Permission.MEMBERS_INVITE);
        assertThat(InviterRights.refusal("custom:" + java.util.UUID.randomUUID(), inviter, "MANAGER", BuiltInRole.MANAGER.permissions(), true))
                .as("cannot grant permissions it does not hold").isPresent();
    }

    @Test
    void aRoutingSetup_needsRoutingManage_noneOrAnEmptyOneDoesNot() {
        RoutingSetup routing = new RoutingSetup(Map.of("SMS", 2), Map.of(), List.of());
        var withoutRouting = new InviterRights.Inviter(null, "custom:x", EnumSet.of(Permission.MEMBERS_INVITE), false);
        var manager = new InviterRights.Inviter(null, "MANAGER", BuiltInRole.MANAGER.permissions(), false);
        assertThatThrownBy(() -> InviterRights.requireCanRoute(withoutRouting, routing)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(403));
        assertThatCode(() -> InviterRights.requireCanRoute(withoutRouting, null)).doesNotThrowAnyException();
        assertThatCode(() -> InviterRights.requireCanRoute(withoutRouting, new RoutingSetup(null, null, null))).doesNotThrowAnyException();
        assertThatCode(() -> InviterRights.requireCanRoute(manager, routing)).doesNotThrowAnyException();
    }
}
