package io.switchboard.org.access;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberReactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.events.org.OrganizationDeleted;
import io.switchboard.events.org.RoleDefined;
import io.switchboard.events.org.RoleDeleted;
import io.switchboard.messaging.Outbox;
import io.switchboard.messaging.change.PendingEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * org.membership-state.v1: after the events of a write, in its transaction, the new state of every membership and
 * custom role they touched, read from the tables (a tombstone for a removed member, a deleted role, and every
 * member and role of a deleted organization). The topic is compacted, so the membership projections load the
 * current memberships at start instead of replaying org.memberships.v1. A write holds its organization's row lock,
 * so the states of one organization's keys reach the outbox, and Kafka, in the order of their changes.
 */
@Component
public class MembershipStates {

    private final Members members;
    private final Roles roles;
    private final Outbox outbox;

    MembershipStates(Members members, Roles roles, Outbox outbox) {
        this.members = members;
        this.roles = roles;
        this.outbox = outbox;
    }

    /** Appends the state records of what these events changed (none for events of other topics). */
    public Mono<Void> after(UUID orgId, String actor, List<PendingEvent<?>> events) {
        Set<UUID> members = new LinkedHashSet<>();
        Set<UUID> roles = new LinkedHashSet<>();
        boolean orgDeleted = false;
        for (PendingEvent<?> event : events) {
            switch (event.data()) {
                case MemberJoined joined -> members.add(joined.userId());
                case MemberRoleChanged changed -> members.add(changed.userId());
                case MemberRemoved removed -> members.add(removed.userId());
                case MemberDeactivated deactivated -> members.add(deactivated.userId());
                case MemberReactivated reactivated -> members.add(reactivated.userId());
                case RoleDefined defined -> roles.add(defined.roleId());
                case RoleDeleted deleted -> roles.add(deleted.roleId());
                case OrganizationDeleted deleted -> orgDeleted = true;
                default -> {
                }
            }
        }
        if (orgDeleted) {
            return endAll(orgId);
        }
        return Flux.fromIterable(members).concatMap(userId -> member(orgId, userId, actor))
                .thenMany(Flux.fromIterable(roles).concatMap(roleId -> role(orgId, roleId, actor)))
                .then();
    }

    private Mono<Void> member(UUID orgId, UUID userId, String actor) {
        String key = Topics.membershipStateKey(orgId, userId);
        return members.state(orgId, userId)
                .filter(state -> !state.status().equals(MemberStatus.REMOVED.name()))
                .flatMap(state -> outbox.append(EventCatalog.MEMBERSHIP_STATE, orgId, key, actor, state).then(Mono.just(true)))
                .switchIfEmpty(Mono.defer(() -> outbox.appendTombstone(Topics.ORG_MEMBERSHIP_STATE, key).thenReturn(true)))
                .then();
    }

    private Mono<Void> role(UUID orgId, UUID roleId, String actor) {
        String key = Topics.roleStateKey(orgId, roleId);
        return roles.definition(orgId, roleId)
                .flatMap(state -> outbox.append(EventCatalog.ROLE_STATE, orgId, key, actor, state).then(Mono.just(true)))
                .switchIfEmpty(Mono.defer(() -> outbox.appendTombstone(Topics.ORG_MEMBERSHIP_STATE, key).thenReturn(true)))
                .then();
    }

    /** A deleted organization: every membership it still had and every custom role end. */
    private Mono<Void> endAll(UUID orgId) {
        Flux<String> memberKeys = members.notRemoved(orgId).map(userId -> Topics.membershipStateKey(orgId, userId));
        Flux<String> roleKeys = roles.customRoleIds(orgId).map(roleId -> Topics.roleStateKey(orgId, roleId));
        return memberKeys.concatWith(roleKeys).collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(key -> outbox.appendTombstone(Topics.ORG_MEMBERSHIP_STATE, key))
                .then();
    }
}
