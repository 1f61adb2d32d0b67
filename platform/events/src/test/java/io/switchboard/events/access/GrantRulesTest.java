package io.switchboard.events.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantRulesTest {

    private static Set<Permission> of(BuiltInRole role) {
        return role.permissions();
    }

    @Test
    void onlyOwners_makeOwners() {
        assertThat(GrantRules.refusal("ADMIN", of(BuiltInRole.ADMIN), "OWNER", of(BuiltInRole.OWNER))).isPresent();
        assertThat(GrantRules.refusal("OWNER", of(BuiltInRole.OWNER), "OWNER", of(BuiltInRole.OWNER))).isEmpty();
    }

    @Test
    void onlyOwnersAndAdmins_makeAdmins() {
        assertThat(GrantRules.refusal("ADMIN", of(BuiltInRole.ADMIN), "ADMIN", of(BuiltInRole.ADMIN))).isEmpty();
        assertThat(GrantRules.refusal("MANAGER", of(BuiltInRole.MANAGER), "ADMIN", of(BuiltInRole.ADMIN))).isPresent();
        // a custom role holding every permission still is not an admin
        assertThat(GrantRules.refusal("custom:1", EnumSet.allOf(Permission.class), "ADMIN", of(BuiltInRole.ADMIN))).isPresent();
    }

    @Test
    void managers_giveAgentAndViewerOnly() {
        assertThat(GrantRules.refusal("MANAGER", of(BuiltInRole.MANAGER), "AGENT", of(BuiltInRole.AGENT))).isEmpty();
        assertThat(GrantRules.refusal("MANAGER", of(BuiltInRole.MANAGER), "VIEWER", of(BuiltInRole.VIEWER))).isEmpty();
        assertThat(GrantRules.refusal("MANAGER", of(BuiltInRole.MANAGER), "MANAGER", of(BuiltInRole.MANAGER))).isPresent();
        assertThat(GrantRules.refusal("MANAGER", of(BuiltInRole.MANAGER), "custom:2", EnumSet.of(Permission.CONTACTS_READ))).isPresent();
    }

    @Test
    void managers_giveManager_onlyWhenTheOrgSettingAllowsIt_andNeverAdminOrOwner() {
        assertThat(GrantRules.refusal("MANAGER", of(BuiltInRole.MANAGER), "MANAGER", of(BuiltInRole.MANAGER), false)).isPresent();
        assertThat(GrantRules.refusal("MANAGER", of(BuiltInRole.MANAGER), "MANAGER", of(BuiltInRole.MANAGER), true)).isEmpty();
        assertThat(GrantRules.refusal("MANAGER", of(BuiltInRole.MANAGER), "ADMIN", of(BuiltInRole.ADMIN), true)).isPresent();
        assertThat(GrantRules.refusal("MANAGER", of(BuiltInRole.MANAGER), "OWNER", of(BuiltInRole.OWNER), true)).isPresent();
        // the setting is about managers: an agent holding members:invite still cannot give MANAGER's permissions
        assertThat(GrantRules.refusal("AGENT", of(BuiltInRole.AGENT), "MANAGER", of(BuiltInRole.MANAGER), true)).isPresent();
    }

    @Test
    void nobody_grantsAPermissionTheyLack() {
        Set<Permission> contactsOnly = EnumSet.of(Permission.CONTACTS_READ, Permission.MEMBERS_INVITE);
        assertThat(GrantRules.refusal("custom:3", contactsOnly, "custom:4", EnumSet.of(Permission.CONTACTS_READ))).isEmpty();
        assertThat(GrantRules.refusal("custom:3", contactsOnly, "custom:4", EnumSet.of(Permission.CONTACTS_WRITE))).isPresent();
        assertThat(GrantRules.refusal("custom:3", contactsOnly, "AGENT", of(BuiltInRole.AGENT))).isPresent();
    }

    @Test
    void builtInRoles_followSeed004() {
        assertThat(of(BuiltInRole.AGENT)).contains(Permission.CONVERSATIONS_REPLY, Permission.CAMPAIGNS_WRITE)
                .doesNotContain(Permission.CONTACTS_WRITE, Permission.KEYWORDS_WRITE, Permission.SETTINGS_READ);
        assertThat(of(BuiltInRole.MANAGER)).contains(Permission.CONVERSATIONS_REPLY, Permission.CAMPAIGNS_WRITE, Permission.CONTACTS_WRITE,
                Permission.KEYWORDS_WRITE).doesNotContain(Permission.SETTINGS_READ, Permission.WEBHOOKS_MANAGE);
        assertThat(of(BuiltInRole.ADMIN)).contains(Permission.KNOWLEDGE_BASE_WRITE, Permission.APPOINTMENT_TYPES_WRITE, Permission.WEBHOOKS_MANAGE)
                .doesNotContain(Permission.BILLING_MANAGE, Permission.OWNERSHIP_MANAGE, Permission.ORG_DELETE);
        assertThat(of(BuiltInRole.OWNER)).containsAll(EnumSet.allOf(Permission.class));
    }

    @Test
    void seats_areTakenByNonViewers_butNeverByThePrimaryOwner() {
        assertThat(BuiltInRole.takesSeat("AGENT", false)).isTrue();
        assertThat(BuiltInRole.takesSeat("custom:5", false)).isTrue();
        assertThat(BuiltInRole.takesSeat("VIEWER", false)).isFalse();
        assertThat(BuiltInRole.takesSeat("OWNER", true)).isFalse();
        assertThat(BuiltInRole.takesSeat("OWNER", false)).isTrue();
    }
}
