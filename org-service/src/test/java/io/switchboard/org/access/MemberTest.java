package io.switchboard.org.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.web.ProblemException;
import org.junit.jupiter.api.Test;

class MemberTest {

    @Test
    void roleChange_returnsTheNewStateAndItsEvent_andNothingForTheSameRole() {
        Member agent = EscalationRulesTest.member(BuiltInRole.AGENT);
        Transition promoted = agent.changeRole("MANAGER", BuiltInRole.MANAGER.permissions()).orElseThrow();
        assertThat(promoted.after().role()).isEqualTo("MANAGER");
        assertThat(promoted.event().type()).isEqualTo(EventCatalog.MEMBER_ROLE_CHANGED);
        assertThat(promoted.event().data()).isEqualTo(new MemberRoleChanged(agent.orgId(), agent.userId(), "AGENT", "MANAGER"));
        assertThat(agent.changeRole("AGENT", BuiltInRole.AGENT.permissions())).isEmpty();
    }

    @Test
    void deactivated_canBeReactivatedOnce_andNotDeactivatedAgain() {
        Member deactivated = EscalationRulesTest.member(BuiltInRole.AGENT).deactivate().after();
        assertThat(deactivated.status()).isEqualTo(MemberStatus.DEACTIVATED);
        assertThatThrownBy(deactivated::deactivate).isInstanceOf(ProblemException.class);
        Member back = deactivated.reactivate().after();
        assertThat(back.isActive()).isTrue();
        assertThatThrownBy(back::reactivate).isInstanceOf(ProblemException.class);
    }

    @Test
    void thePrimaryOwner_takesNoSeat_viewersNeither_everyoneElseActiveDoes() {
        Member owner = EscalationRulesTest.member(BuiltInRole.OWNER);
        assertThat(owner.takesSeat(owner.userId())).isFalse();
        assertThat(owner.takesSeat(java.util.UUID.randomUUID())).as("a co-owner").isTrue();
        assertThat(EscalationRulesTest.member(BuiltInRole.VIEWER).takesSeat(owner.userId())).isFalse();
        assertThat(EscalationRulesTest.member(BuiltInRole.AGENT).takesSeat(owner.userId())).isTrue();
        assertThat(EscalationRulesTest.member(BuiltInRole.AGENT).deactivate().after().takesSeat(owner.userId())).isFalse();
    }
}
