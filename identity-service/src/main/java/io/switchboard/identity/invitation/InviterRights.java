package io.switchboard.identity.invitation;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.GrantRules;
import io.switchboard.events.access.Permission;
import io.switchboard.events.routing.RoutingSetup;
import io.switchboard.identity.organization.Organizations;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may invite whom, from the membership projection (org-service's events): an active member whose role
 * has members.invite and who may give the role (no escalation: {@link GrantRules}, with the organization's
 * setting that lets MANAGERs invite MANAGERs, read from {@link Organizations}). The same rule is checked
 * when inviting (one or a batch), when creating a user directly, when resending, when the invitation is
 * accepted, and when the inviter's membership or the org's setting changes.
 */
@Component
public class InviterRights {

    private static final Duration MEMBERSHIP_GRACE = Duration.ofMillis(1500);

    /**
     * An active member allowed to invite, with the org's setting as it was read for this request
     * ({@code managersMayInviteManagers}: whether a MANAGER may give MANAGER).
     */
    public record Inviter(Caller caller, String role, Set<Permission> permissions, boolean managersMayInviteManagers) {
    }

    private final MembershipProjection memberships;
    private final Organizations organizations;

    InviterRights(MembershipProjection memberships, Organizations organizations) {
        this.memberships = memberships;
        this.organizations = organizations;
    }

    /** The caller as an inviter of {@code orgId}; 404 for a non-member (the org's existence is not revealed), 403 without the right. */
    public Mono<Inviter> inviter(UUID orgId, Caller caller) {
        return memberships.awaitMembership(orgId, caller.userId(), MEMBERSHIP_GRACE)
                .filter(MembershipProjection.Membership::isActive)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)))
                .flatMap(membership -> {
                    Set<Permission> permissions = memberships.permissions(orgId, caller.userId());
                    return permissions.contains(Permission.MEMBERS_INVITE)
                            ? organizations.managersMayInviteManagers(orgId)
                                    .map(setting -> new Inviter(caller, membership.role(), permissions, setting))
                            : Mono.error(ProblemException.forbidden("Your role does not allow inviting people."));
                });
    }

    /**
     * 400 naming the field {@code role} for an unknown role, 403 for a role the inviter may not give. Decides
     * from the inviter as {@link #inviter} read it (no I/O here).
     */
    public void requireCanGive(UUID orgId, Inviter inviter, String role) {
        boolean builtIn = BuiltInRole.byName(role).isPresent();
        Set<Permission> granted = memberships.permissionsOf(orgId, role);
        if (!builtIn && (role == null || !role.startsWith("custom:") || granted.isEmpty())) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", "role", "message", "must be OWNER, ADMIN, MANAGER, AGENT, VIEWER or custom:<roleId> of this organization"))));
        }
        GrantRules.refusal(inviter.role(), inviter.permissions(), role, granted, inviter.managersMayInviteManagers()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
    }

    /**
     * 403 when the invitation carries a routing setup (profile, teams) and the inviter's role does not hold
     * routing:manage, the right to set routing profiles and teams. No routing setup (or an empty one) always passes.
     */
    public static void requireCanRoute(Inviter inviter, RoutingSetup routing) {
        if (routing != null && !routing.setsNothing() && !inviter.permissions().contains(Permission.ROUTING_MANAGE)) {
            throw ProblemException.forbidden("Your role does not allow setting routing profiles and teams (routing:manage); "
                    + "invite without \"routing\".");
        }
    }

    /** Why {@code inviterId} could not give {@code role} in {@code orgId} today, if they could not (empty Optional: they still can). */
    Mono<Optional<String>> currentRefusal(UUID orgId, UUID inviterId, String role) {
        Optional<MembershipProjection.Membership> membership = memberships.find(orgId, inviterId).filter(MembershipProjection.Membership::isActive);
        if (membership.isEmpty()) {
            return Mono.just(Optional.of("The person who invited you is no longer an active member of the organization."));
        }
        String inviterRole = membership.get().role();
        return organizations.managersMayInviteManagers(orgId).map(setting ->
                refusal(inviterRole, memberships.permissionsOf(orgId, inviterRole), role, memberships.permissionsOf(orgId, role), setting));
    }

    /** The org's setting now (off for an org not known yet). */
    Mono<Boolean> managersMayInviteManagers(UUID orgId) {
        return organizations.managersMayInviteManagers(orgId);
    }

    Set<Permission> permissionsOf(UUID orgId, String role) {
        return memberships.permissionsOf(orgId, role);
    }

    Optional<String> roleOf(UUID orgId, UUID userId) {
        return memberships.find(orgId, userId).filter(MembershipProjection.Membership::isActive).map(MembershipProjection.Membership::role);
    }

    /**
     * The rule itself: the inviter needs members.invite, and may give only what {@link GrantRules} allows, where
     * {@code managersMayInviteManagers} (the org's setting) lets a MANAGER give MANAGER too; never ADMIN or OWNER.
     */
    static Optional<String> refusal(String inviterRole, Set<Permission> inviterPermissions, String role, Set<Permission> granted,
                                    boolean managersMayInviteManagers) {
        if (inviterRole == null || !inviterPermissions.contains(Permission.MEMBERS_INVITE)) {
            return Optional.of("The inviter's role no longer allows inviting people.");
        }
        return GrantRules.refusal(inviterRole, inviterPermissions, role, granted, managersMayInviteManagers);
    }
}
