package io.switchboard.org.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.EnumSet;
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
}
