package io.switchboard.identity.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.access.BuiltInRole;
import org.junit.jupiter.api.Test;

/** The rule re-checked at acceptance and on membership events: invite right plus no escalation. */
class InviterRightsRuleTest {

    @Test
    void managerMayGiveAgent_butNotOnceDemotedToAgent() {
        assertThat(InviterRights.refusal("MANAGER", BuiltInRole.MANAGER.permissions(), "AGENT", BuiltInRole.AGENT.permissions())).isEmpty();
        assertThat(InviterRights.refusal("AGENT", BuiltInRole.AGENT.permissions(), "AGENT", BuiltInRole.AGENT.permissions())).isPresent();
    }

    @Test
    void adminDemotedToManager_loosesAdminInvitations_keepsAgentOnes() {
        assertThat(InviterRights.refusal("MANAGER", BuiltInRole.MANAGER.permissions(), "ADMIN", BuiltInRole.ADMIN.permissions())).isPresent();
        assertThat(InviterRights.refusal("MANAGER", BuiltInRole.MANAGER.permissions(), "VIEWER", BuiltInRole.VIEWER.permissions())).isEmpty();
    }

    @Test
    void noRole_meansNoRight() {
        assertThat(InviterRights.refusal(null, java.util.Set.of(), "VIEWER", BuiltInRole.VIEWER.permissions())).isPresent();
    }
}
