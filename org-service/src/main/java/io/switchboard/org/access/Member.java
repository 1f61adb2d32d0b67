package io.switchboard.org.access;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberReactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * A membership with the permissions its role grants. {@code role} is a built-in name or {@code custom:<roleId>}.
 * Its transitions check what the state allows and return the new state with the event to append.
 */
public record Member(UUID orgId, UUID userId, String role, MemberStatus status, String email, String displayName,
                     String firstName, String lastName, String phone, Instant joinedAt, Set<Permission> permissions) {

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    public boolean isRemoved() {
        return status == MemberStatus.REMOVED;
    }

    public boolean can(Permission permission) {
        return isActive() && permissions.contains(permission);
    }

    public Optional<BuiltInRole> builtInRole() {
        return BuiltInRole.byName(role);
    }

    public boolean isOwner() {
        return builtInRole().filter(r -> r == BuiltInRole.OWNER).isPresent();
    }

    /** Whether this member holds an agent seat of the organization whose primary owner is given. */
    public boolean takesSeat(UUID primaryOwnerId) {
        return isActive() && BuiltInRole.takesSeat(role, userId.equals(primaryOwnerId));
    }

    /** The same member with another role; empty when the role does not change. */
    public Optional<Transition> changeRole(String newRole, Set<Permission> newPermissions) {
        if (newRole.equals(role)) {
            return Optional.empty();
        }
        Member after = new Member(orgId, userId, newRole, status, email, displayName, firstName, lastName, phone, joinedAt, newPermissions);
        return Optional.of(new Transition(after, PendingEvent.of(EventCatalog.MEMBER_ROLE_CHANGED,
                new MemberRoleChanged(orgId, userId, role, newRole))));
    }

    public Transition remove() {
        if (isRemoved()) {
            throw ProblemException.notFound("member " + userId);
        }
        return new Transition(withStatus(MemberStatus.REMOVED), PendingEvent.of(EventCatalog.MEMBER_REMOVED, new MemberRemoved(orgId, userId)));
    }

    public Transition deactivate() {
        if (!isActive()) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "The member is already deactivated.");
        }
        return new Transition(withStatus(MemberStatus.DEACTIVATED),
                PendingEvent.of(EventCatalog.MEMBER_DEACTIVATED, new MemberDeactivated(orgId, userId)));
    }

    public Transition reactivate() {
        if (status != MemberStatus.DEACTIVATED) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Only a deactivated member can be reactivated.");
        }
        return new Transition(withStatus(MemberStatus.ACTIVE),
                PendingEvent.of(EventCatalog.MEMBER_REACTIVATED, new MemberReactivated(orgId, userId, role)));
    }

    private Member withStatus(MemberStatus newStatus) {
        return new Member(orgId, userId, role, newStatus, email, displayName, firstName, lastName, phone, joinedAt, permissions);
    }
}
