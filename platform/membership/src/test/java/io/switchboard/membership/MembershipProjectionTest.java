package io.switchboard.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.membership.MembershipProjection.Membership;
import io.switchboard.membership.MembershipProjection.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The projection's apply, event by event: what each type does, and what duplicates, strays and forgeries do not. */
class MembershipProjectionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MembershipProjection projection = new MembershipProjection();
    private final UUID org = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    @Nested
    class Joining {

        @Test
        void joined_makesAnActiveMemberWithTheRole() {
            apply(joined(org, user, "AGENT"));

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "AGENT", Status.ACTIVE));
            assertThat(projection.permissions(org, user)).isEqualTo(BuiltInRole.AGENT.permissions());
            assertThat(projection.size()).isEqualTo(1);
        }

        @Test
        void sameJoinedTwice_leavesTheSameState() {
            JsonNode event = joined(org, user, "AGENT");
            apply(event);
            apply(event);

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "AGENT", Status.ACTIVE));
            assertThat(projection.size()).isEqualTo(1);
        }

        @Test
        void memberOfOneOrg_isNobodyInAnother() {
            apply(joined(org, user, "OWNER"));

            UUID otherOrg = UUID.randomUUID();
            assertThat(projection.find(otherOrg, user)).isEmpty();
            assertThat(projection.permissions(otherOrg, user)).isEmpty();
        }

        @Test
        void removed_thenJoinedAgain_isActiveWithTheNewRole() {
            apply(joined(org, user, "ADMIN"));
            apply(removed(org, user));
            apply(joined(org, user, "VIEWER"));

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "VIEWER", Status.ACTIVE));
        }
    }

    @Nested
    class RoleChanges {

        @Test
        void roleChanged_changesTheRole_andKeepsTheStatus() {
            apply(joined(org, user, "AGENT"));
            apply(roleChanged(org, user, "AGENT", "MANAGER"));

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "MANAGER", Status.ACTIVE));
            assertThat(projection.permissions(org, user)).isEqualTo(BuiltInRole.MANAGER.permissions());
        }

        @Test
        void roleChanged_ofADeactivatedMember_leavesThemDeactivated() {
            apply(joined(org, user, "AGENT"));
            apply(deactivated(org, user));
            apply(roleChanged(org, user, "AGENT", "ADMIN"));

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "ADMIN", Status.DEACTIVATED));
            assertThat(projection.permissions(org, user)).isEmpty();
        }

        @Test
        void roleChanged_forSomeoneWhoNeverJoined_createsNoMember() {
            apply(roleChanged(org, user, "AGENT", "OWNER"));

            assertThat(projection.find(org, user)).isEmpty();
            assertThat(projection.permissions(org, user)).isEmpty();
        }

        @Test
        void roleChanged_ofARemovedMember_givesNoAccess() {
            apply(joined(org, user, "AGENT"));
            apply(removed(org, user));
            apply(roleChanged(org, user, "AGENT", "OWNER"));

            assertThat(projection.find(org, user)).map(Membership::status).contains(Status.REMOVED);
            assertThat(projection.permissions(org, user)).isEmpty();
        }
    }

    @Nested
    class RemovalAndDeactivation {

        @Test
        void removed_endsAccess_andKeepsTheLastRole() {
            apply(joined(org, user, "ADMIN"));
            apply(removed(org, user));

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "ADMIN", Status.REMOVED));
            assertThat(projection.permissions(org, user)).isEmpty();
        }

        @Test
        void sameRemovalTwice_leavesTheSameState() {
            apply(joined(org, user, "ADMIN"));
            JsonNode removal = removed(org, user);
            apply(removal);
            apply(removal);

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "ADMIN", Status.REMOVED));
        }

        @Test
        void removal_ofSomeoneNotYetKnown_isRemembered_soNoGraceWaitLetsThemIn() {
            apply(removed(org, user));

            assertThat(projection.find(org, user)).map(Membership::status).contains(Status.REMOVED);
            assertThat(projection.awaitMembership(org, user, Duration.ofSeconds(5)).block(Duration.ofSeconds(1)))
                    .extracting(Membership::isActive).isEqualTo(false);
        }

        @Test
        void deactivated_thenReactivated_isActiveWithTheRoleOfTheReactivation() {
            apply(joined(org, user, "MANAGER"));
            apply(deactivated(org, user));
            assertThat(projection.find(org, user)).contains(new Membership(org, user, "MANAGER", Status.DEACTIVATED));
            assertThat(projection.permissions(org, user)).isEmpty();

            apply(reactivated(org, user, "MANAGER"));
            assertThat(projection.find(org, user)).contains(new Membership(org, user, "MANAGER", Status.ACTIVE));
        }

        @Test
        void reactivated_afterRemoval_staysRemoved() {
            apply(joined(org, user, "AGENT"));
            apply(removed(org, user));
            apply(reactivated(org, user, "AGENT"));

            assertThat(projection.find(org, user)).map(Membership::status).contains(Status.REMOVED);
        }

        @Test
        void reactivated_forSomeoneWhoNeverJoined_createsNoMember() {
            apply(reactivated(org, user, "OWNER"));

            assertThat(projection.find(org, user)).isEmpty();
        }

        @Test
        void deactivated_afterRemoval_staysRemoved_soAReactivationCannotRevive() {
            apply(joined(org, user, "AGENT"));
            apply(removed(org, user));
            apply(deactivated(org, user));
            apply(reactivated(org, user, "AGENT"));

            assertThat(projection.find(org, user)).map(Membership::status).contains(Status.REMOVED);
        }

        @Test
        void sameReactivationTwice_leavesTheSameState() {
            apply(joined(org, user, "AGENT"));
            apply(deactivated(org, user));
            JsonNode reactivation = reactivated(org, user, "AGENT");
            apply(reactivation);
            apply(reactivation);

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "AGENT", Status.ACTIVE));
        }
    }

    @Nested
    class OrgsOfAPerson {

        @Test
        void orgsOf_namesEveryOrgThePersonIsStillIn_activeOrDeactivated() {
            UUID second = UUID.randomUUID();
            UUID left = UUID.randomUUID();
            UUID deleted = UUID.randomUUID();
            apply(joined(org, user, "AGENT"));
            apply(joined(second, user, "ADMIN"));
            apply(deactivated(second, user));
            apply(joined(left, user, "AGENT"));
            apply(removed(left, user));
            apply(joined(deleted, user, "OWNER"));
            apply(organizationDeleted(deleted));
            apply(joined(org, UUID.randomUUID(), "AGENT"));

            assertThat(projection.orgsOf(user)).containsExactlyInAnyOrder(org, second);
            assertThat(projection.orgsOf(UUID.randomUUID())).isEmpty();
        }
    }

    @Nested
    class OrganizationDeletion {

        @Test
        void deletedOrganization_endsEveryMembership() {
            UUID other = UUID.randomUUID();
            apply(joined(org, user, "OWNER"));
            apply(joined(org, other, "AGENT"));
            apply(organizationDeleted(org));

            assertThat(projection.find(org, user)).map(Membership::status).contains(Status.REMOVED);
            assertThat(projection.find(org, other)).map(Membership::status).contains(Status.REMOVED);
            assertThat(projection.permissions(org, user)).isEmpty();
        }

        @Test
        void eventsAfterTheDeletion_giveNoAccess() {
            apply(organizationDeleted(org));
            apply(joined(org, user, "OWNER"));

            assertThat(projection.find(org, user)).map(Membership::status).contains(Status.REMOVED);
            assertThat(projection.permissions(org, user)).isEmpty();
        }

        @Test
        void deletion_leavesOtherOrganizationsAlone() {
            UUID otherOrg = UUID.randomUUID();
            apply(joined(otherOrg, user, "AGENT"));
            apply(organizationDeleted(org));

            assertThat(projection.find(otherOrg, user)).map(Membership::status).contains(Status.ACTIVE);
        }
    }

    @Nested
    class CustomRoles {

        private final UUID roleId = UUID.randomUUID();

        @Test
        void memberWithACustomRole_getsItsPermissions_knownKeysOnly() {
            apply(roleDefined(org, roleId, List.of("contacts:read", "no-such:permission")));
            apply(joined(org, user, "custom:" + roleId));

            assertThat(projection.permissions(org, user)).containsExactly(Permission.byKey("contacts:read").orElseThrow());
        }

        @Test
        void redefinedRole_replacesItsPermissions() {
            apply(roleDefined(org, roleId, List.of("contacts:read")));
            apply(joined(org, user, "custom:" + roleId));
            apply(roleDefined(org, roleId, List.of("members:read")));

            assertThat(projection.permissions(org, user)).containsExactly(Permission.MEMBERS_READ);
        }

        @Test
        void deletedRole_grantsNothing() {
            apply(roleDefined(org, roleId, List.of("contacts:read")));
            apply(joined(org, user, "custom:" + roleId));
            apply(roleDeleted(org, roleId));

            assertThat(projection.permissions(org, user)).isEmpty();
        }

        @Test
        void roleOfAnotherOrganization_grantsNothingHere() {
            UUID otherOrg = UUID.randomUUID();
            apply(roleDefined(otherOrg, roleId, List.of("members:manage")));
            apply(joined(org, user, "custom:" + roleId));

            assertThat(projection.permissions(org, user)).isEmpty();
        }

        @Test
        void unknownRoleName_grantsNothing() {
            apply(joined(org, user, "SUPERUSER"));

            assertThat(projection.permissions(org, user)).isEmpty();
        }
    }

    @Nested
    class ThingsItIgnores {

        @Test
        void unknownEventType_changesNothing() {
            apply(envelope("org.member.promoted-to-god", org, Map.of("orgId", org.toString(), "userId", user.toString(), "role", "OWNER")));

            assertThat(projection.find(org, user)).isEmpty();
        }

        @Test
        void eventWithoutOrgId_orWithAMalformedUserId_changesNothing() {
            apply(envelope(EventCatalog.MEMBER_JOINED.name(), org, Map.of("userId", user.toString(), "role", "OWNER")));
            apply(envelope(EventCatalog.MEMBER_JOINED.name(), org, Map.of("orgId", org.toString(), "userId", "not-a-uuid", "role", "OWNER")));

            assertThat(projection.size()).isZero();
        }
    }

    @Nested
    class Provenance {

        @Test
        void forgedOrganizationDeleted_fromIdentityService_isNotApplied() {
            apply(joined(org, user, "OWNER"));
            JsonNode forged = withSource(organizationDeleted(org), "identity-service");

            assertThat(projection.apply(Topics.ORG_MEMBERSHIPS, org.toString(), forged)).isFalse();
            assertThat(MembershipProjection.rejection(Topics.ORG_MEMBERSHIPS, org.toString(), forged))
                    .contains("source identity-service may not publish on org.memberships.v1");
            assertThat(projection.find(org, user)).map(Membership::status).contains(Status.ACTIVE);
        }

        @Test
        void forgedJoin_keyedToTheAttackersOrg_butNamingTheVictimsOrg_isNotApplied() {
            UUID attackersOrg = UUID.randomUUID();
            JsonNode forged = joined(org, user, "OWNER");
            ((ObjectNode) forged).put("subject", attackersOrg.toString());

            assertThat(projection.apply(Topics.ORG_MEMBERSHIPS, attackersOrg.toString(), forged)).isFalse();
            assertThat(projection.find(org, user)).isEmpty();
        }

        @Test
        void recordKeyedToAnotherOrg_isNotApplied() {
            assertThat(projection.apply(Topics.ORG_MEMBERSHIPS, UUID.randomUUID().toString(), joined(org, user, "OWNER"))).isFalse();
            assertThat(projection.find(org, user)).isEmpty();
        }

        @Test
        void genuineEventFromOrgService_isApplied() {
            assertThat(projection.apply(Topics.ORG_MEMBERSHIPS, org.toString(), joined(org, user, "AGENT"))).isTrue();
            assertThat(projection.find(org, user)).map(Membership::status).contains(Status.ACTIVE);
        }
    }

    @Nested
    class GraceWait {

        @Test
        void knownMembership_answersAtOnce() {
            apply(joined(org, user, "AGENT"));

            assertThat(projection.awaitMembership(org, user, Duration.ofSeconds(10)).block(Duration.ofMillis(200)))
                    .extracting(Membership::role).isEqualTo("AGENT");
        }

        @Test
        void membershipThatArrivesWithinTheGrace_isFound() throws Exception {
            CompletableFuture<Optional<Membership>> waiting = projection.awaitMembership(org, user, Duration.ofSeconds(5))
                    .map(Optional::of).defaultIfEmpty(Optional.empty()).toFuture();
            Thread.sleep(100);
            apply(joined(org, user, "AGENT"));

            assertThat(waiting.get(5, TimeUnit.SECONDS)).map(Membership::role).contains("AGENT");
        }

        @Test
        void strangerAfterTheGrace_isEmpty() {
            assertThat(projection.awaitMembership(org, user, Duration.ofMillis(100)).blockOptional(Duration.ofSeconds(2))).isEmpty();
        }
    }

    // --- events as org-service publishes them

    private void apply(JsonNode envelope) {
        projection.apply(envelope);
    }

    private static JsonNode joined(UUID org, UUID user, String role) {
        return envelope(EventCatalog.MEMBER_JOINED, org, Map.of("orgId", org.toString(), "userId", user.toString(), "role", role));
    }

    private static JsonNode roleChanged(UUID org, UUID user, String previousRole, String role) {
        return envelope(EventCatalog.MEMBER_ROLE_CHANGED, org,
                Map.of("orgId", org.toString(), "userId", user.toString(), "previousRole", previousRole, "role", role));
    }

    private static JsonNode removed(UUID org, UUID user) {
        return envelope(EventCatalog.MEMBER_REMOVED, org, Map.of("orgId", org.toString(), "userId", user.toString()));
    }

    private static JsonNode deactivated(UUID org, UUID user) {
        return envelope(EventCatalog.MEMBER_DEACTIVATED, org, Map.of("orgId", org.toString(), "userId", user.toString()));
    }

    private static JsonNode reactivated(UUID org, UUID user, String role) {
        return envelope(EventCatalog.MEMBER_REACTIVATED, org, Map.of("orgId", org.toString(), "userId", user.toString(), "role", role));
    }

    private static JsonNode organizationDeleted(UUID org) {
        return envelope(EventCatalog.ORGANIZATION_DELETED, org, Map.of("orgId", org.toString()));
    }

    private static JsonNode roleDefined(UUID org, UUID roleId, List<String> permissions) {
        return envelope(EventCatalog.ROLE_DEFINED, org,
                Map.of("orgId", org.toString(), "roleId", roleId.toString(), "name", "Custom", "permissions", permissions));
    }

    private static JsonNode roleDeleted(UUID org, UUID roleId) {
        return envelope(EventCatalog.ROLE_DELETED, org, Map.of("orgId", org.toString(), "roleId", roleId.toString()));
    }

    private static JsonNode envelope(EventType<?> type, UUID org, Map<String, Object> data) {
        return envelope(type.name(), org, data);
    }

    private static JsonNode envelope(String type, UUID org, Map<String, Object> data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("source", "org-service");
        envelope.put("time", "2026-11-23T10:15:30.123Z");
        envelope.put("subject", org.toString());
        envelope.put("actor", "test");
        envelope.set("data", JSON.valueToTree(data));
        return envelope;
    }

    private static JsonNode withSource(JsonNode envelope, String source) {
        ((ObjectNode) envelope).put("source", source);
        return envelope;
    }
}
