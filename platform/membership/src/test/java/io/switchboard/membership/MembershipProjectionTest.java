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

/** The projection's apply, record by record of org.membership-state.v1: values, tombstones, and what it refuses. */
class MembershipProjectionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MembershipProjection projection = new MembershipProjection();
    private final UUID org = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    @Nested
    class Values {

        @Test
        void activeState_makesAnActiveMemberWithTheRole() {
            assertThat(apply(member(org, user, "AGENT", "ACTIVE"))).isTrue();

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "AGENT", Status.ACTIVE));
            assertThat(projection.permissions(org, user)).isEqualTo(BuiltInRole.AGENT.permissions());
            assertThat(projection.size()).isEqualTo(1);
        }

        @Test
        void laterState_replacesTheEarlier() {
            apply(member(org, user, "AGENT", "ACTIVE"));
            apply(member(org, user, "MANAGER", "DEACTIVATED"));

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "MANAGER", Status.DEACTIVATED));
            assertThat(projection.permissions(org, user)).isEmpty();
            assertThat(projection.size()).isEqualTo(1);
        }

        @Test
        void sameStateTwice_leavesTheSameState() {
            JsonNode state = member(org, user, "AGENT", "ACTIVE");
            apply(state);
            apply(state);

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "AGENT", Status.ACTIVE));
            assertThat(projection.size()).isEqualTo(1);
        }

        @Test
        void memberOfOneOrg_isNobodyInAnother() {
            apply(member(org, user, "OWNER", "ACTIVE"));

            UUID otherOrg = UUID.randomUUID();
            assertThat(projection.find(otherOrg, user)).isEmpty();
            assertThat(projection.permissions(otherOrg, user)).isEmpty();
        }

        @Test
        void unknownStatus_isNotApplied() {
            assertThat(apply(member(org, user, "OWNER", "SUPREME"))).isFalse();

            assertThat(projection.find(org, user)).isEmpty();
        }
    }

    @Nested
    class Tombstones {

        @Test
        void tombstoneReadLive_endsAccessAtOnce_andIsRemembered() {
            apply(member(org, user, "ADMIN", "ACTIVE"));
            assertThat(projection.apply(Topics.membershipStateKey(org, user), null, true)).isTrue();

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "ADMIN", Status.REMOVED));
            assertThat(projection.permissions(org, user)).isEmpty();
            assertThat(projection.awaitMembership(org, user, Duration.ofSeconds(5)).block(Duration.ofSeconds(1)))
                    .extracting(Membership::isActive).isEqualTo(false);
        }

        @Test
        void tombstoneReadWhileLoading_leavesNothingBehind() {
            apply(member(org, user, "ADMIN", "ACTIVE"));
            projection.apply(Topics.membershipStateKey(org, user), null, false);

            assertThat(projection.find(org, user)).isEmpty();
            assertThat(projection.size()).isZero();
        }

        @Test
        void stateAfterATombstone_joinsAgain() {
            apply(member(org, user, "ADMIN", "ACTIVE"));
            projection.apply(Topics.membershipStateKey(org, user), null, true);
            apply(member(org, user, "VIEWER", "ACTIVE"));

            assertThat(projection.find(org, user)).contains(new Membership(org, user, "VIEWER", Status.ACTIVE));
        }

        @Test
        void tombstoneWithAMalformedKey_isNotApplied() {
            apply(member(org, user, "ADMIN", "ACTIVE"));

            assertThat(projection.apply(org.toString(), null, true)).isFalse();
            assertThat(projection.apply(org + ":not-a-uuid", null, true)).isFalse();
            assertThat(projection.apply(null, null, true)).isFalse();
            assertThat(projection.find(org, user)).map(Membership::status).contains(Status.ACTIVE);
        }
    }

    @Nested
    class OrgsOfAPerson {

        @Test
        void orgsOf_namesEveryOrgThePersonIsStillIn_activeOrDeactivated() {
            UUID second = UUID.randomUUID();
            UUID left = UUID.randomUUID();
            apply(member(org, user, "AGENT", "ACTIVE"));
            apply(member(second, user, "ADMIN", "DEACTIVATED"));
            apply(member(left, user, "AGENT", "ACTIVE"));
            projection.apply(Topics.membershipStateKey(left, user), null, true);
            apply(member(org, UUID.randomUUID(), "AGENT", "ACTIVE"));

            assertThat(projection.orgsOf(user)).containsExactlyInAnyOrder(org, second);
            assertThat(projection.orgsOf(UUID.randomUUID())).isEmpty();
        }
    }

    @Nested
    class CustomRoles {

        private final UUID roleId = UUID.randomUUID();

        @Test
        void memberWithACustomRole_getsItsPermissions_knownKeysOnly() {
            apply(role(org, roleId, List.of("contacts:read", "no-such:permission")));
            apply(member(org, user, "custom:" + roleId, "ACTIVE"));

            assertThat(projection.permissions(org, user)).containsExactly(Permission.byKey("contacts:read").orElseThrow());
        }

        @Test
        void redefinedRole_replacesItsPermissions() {
            apply(role(org, roleId, List.of("contacts:read")));
            apply(member(org, user, "custom:" + roleId, "ACTIVE"));
            apply(role(org, roleId, List.of("members:read")));

            assertThat(projection.permissions(org, user)).containsExactly(Permission.MEMBERS_READ);
        }

        @Test
        void roleTombstone_grantsNothing() {
            apply(role(org, roleId, List.of("contacts:read")));
            apply(member(org, user, "custom:" + roleId, "ACTIVE"));
            assertThat(projection.apply(Topics.roleStateKey(org, roleId), null, true)).isTrue();

            assertThat(projection.permissions(org, user)).isEmpty();
        }

        @Test
        void roleOfAnotherOrganization_grantsNothingHere() {
            UUID otherOrg = UUID.randomUUID();
            apply(role(otherOrg, roleId, List.of("members:manage")));
            apply(member(org, user, "custom:" + roleId, "ACTIVE"));

            assertThat(projection.permissions(org, user)).isEmpty();
        }

        @Test
        void unknownRoleName_grantsNothing() {
            apply(member(org, user, "SUPERUSER", "ACTIVE"));

            assertThat(projection.permissions(org, user)).isEmpty();
        }
    }

    @Nested
    class Provenance {

        @Test
        void stateFromIdentityService_isNotApplied() {
            JsonNode forged = member(org, user, "OWNER", "ACTIVE");
            ((ObjectNode) forged).put("source", "identity-service");

            assertThat(projection.apply(Topics.membershipStateKey(org, user), forged, true)).isFalse();
            assertThat(MembershipProjection.rejection(Topics.membershipStateKey(org, user), forged))
                    .contains("source identity-service may not publish on org.membership-state.v1");
            assertThat(projection.find(org, user)).isEmpty();
        }

        @Test
        void stateKeyedToAnotherMember_isNotApplied() {
            UUID intruder = UUID.randomUUID();

            assertThat(projection.apply(Topics.membershipStateKey(org, intruder), member(org, user, "OWNER", "ACTIVE"), true)).isFalse();
            assertThat(projection.find(org, user)).isEmpty();
            assertThat(projection.find(org, intruder)).isEmpty();
        }

        @Test
        void stateKeyedToTheAttackersOrg_butNamingTheVictimsOrg_isNotApplied() {
            UUID attackersOrg = UUID.randomUUID();
            JsonNode forged = member(org, user, "OWNER", "ACTIVE");
            ((ObjectNode) forged).put("subject", attackersOrg.toString());

            assertThat(projection.apply(Topics.membershipStateKey(attackersOrg, user), forged, true)).isFalse();
            assertThat(projection.find(org, user)).isEmpty();
            assertThat(projection.find(attackersOrg, user)).isEmpty();
        }

        @Test
        void roleStateUnderAMembersKey_isNotApplied() {
            UUID roleId = UUID.randomUUID();

            assertThat(projection.apply(Topics.membershipStateKey(org, roleId), role(org, roleId, List.of("members:manage")), true)).isFalse();
            assertThat(projection.find(org, roleId)).isEmpty();
        }

        @Test
        void historyEventOnTheStateTopic_isNotApplied() {
            JsonNode joined = envelope(EventCatalog.MEMBER_JOINED, org, Map.of("orgId", org.toString(), "userId", user.toString(), "role", "OWNER"));

            assertThat(projection.apply(Topics.membershipStateKey(org, user), joined, true)).isFalse();
            assertThat(projection.find(org, user)).isEmpty();
        }
    }

    @Nested
    class GraceWait {

        @Test
        void knownMembership_answersAtOnce() {
            apply(member(org, user, "AGENT", "ACTIVE"));

            assertThat(projection.awaitMembership(org, user, Duration.ofSeconds(10)).block(Duration.ofSeconds(2)))
                    .extracting(Membership::role).isEqualTo("AGENT");
        }

        @Test
        void membershipThatArrivesWithinTheGrace_isFound() throws Exception {
            CompletableFuture<Optional<Membership>> waiting = projection.awaitMembership(org, user, Duration.ofSeconds(5))
                    .map(Optional::of).defaultIfEmpty(Optional.empty()).toFuture();
            Thread.sleep(100);
            apply(member(org, user, "AGENT", "ACTIVE"));

            assertThat(waiting.get(5, TimeUnit.SECONDS)).map(Membership::role).contains("AGENT");
        }

        @Test
        void strangerAfterTheGrace_isEmpty() {
            assertThat(projection.awaitMembership(org, user, Duration.ofMillis(100)).blockOptional(Duration.ofSeconds(2))).isEmpty();
        }
    }

    // --- records as org-service publishes them on org.membership-state.v1

    private boolean apply(JsonNode state) {
        JsonNode data = state.path("data");
        UUID orgId = UUID.fromString(data.path("orgId").asString());
        String key = data.has("roleId")
                ? Topics.roleStateKey(orgId, UUID.fromString(data.path("roleId").asString()))
                : Topics.membershipStateKey(orgId, UUID.fromString(data.path("userId").asString()));
        return projection.apply(key, state, true);
    }

    static JsonNode member(UUID org, UUID user, String role, String status) {
        return envelope(EventCatalog.MEMBERSHIP_STATE, org, Map.of("orgId", org.toString(), "userId", user.toString(), "role", role, "status", status));
    }

    static JsonNode role(UUID org, UUID roleId, List<String> permissions) {
        return envelope(EventCatalog.ROLE_STATE, org,
                Map.of("orgId", org.toString(), "roleId", roleId.toString(), "name", "Custom", "permissions", permissions));
    }

    private static JsonNode envelope(EventType<?> type, UUID org, Map<String, Object> data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("type", type.name());
        envelope.put("source", "org-service");
        envelope.put("time", "2026-11-23T10:15:30.123Z");
        envelope.put("subject", org.toString());
        envelope.put("actor", "test");
        envelope.set("data", JSON.valueToTree(data));
        return envelope;
    }
}
