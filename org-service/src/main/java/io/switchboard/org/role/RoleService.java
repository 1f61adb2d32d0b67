package io.switchboard.org.role;

import io.switchboard.events.access.Permission;
import io.switchboard.messaging.change.Change;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.org.organization.OrgWrites;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Custom roles: named permission sets nobody can make stronger than themselves. */
@Service
class RoleService {

    private final OrgWrites writes;
    private final Members members;
    private final CustomRoles roles;

    RoleService(OrgWrites writes, Members members, CustomRoles roles) {
        this.writes = writes;
        this.members = members;
        this.roles = roles;
    }

    Flux<RoleView> list(UUID orgId, Caller caller) {
        return members.require(orgId, caller, Permission.ROLES_READ).thenMany(roles.ofOrg(orgId)).map(RoleView::of);
    }

    Mono<RoleView> create(UUID orgId, Caller caller, RoleRequest request) {
        Set<Permission> granted = parse(request.permissions());
        return writes.asMember(orgId, caller, Permission.ROLES_MANAGE, (org, actor) -> {
            Change<CustomRole> defined = CustomRole.define(orgId, request.name(), granted);
            return requireHolds(actor, granted).then(roles.insert(defined.result())).thenReturn(defined);
        }).map(RoleView::of);
    }

    /** Editing a role is granting it again, to everyone who holds it: both the old and new sets must be the editor's. */
    Mono<RoleView> update(UUID orgId, UUID roleId, Caller caller, UpdateRoleRequest request) {
        Set<Permission> requested = request.permissions() == null ? null : parse(request.permissions());
        return writes.asMember(orgId, caller, Permission.ROLES_MANAGE, (org, actor) -> existing(orgId, roleId)
                .flatMap(before -> {
                    Change<CustomRole> edited = before.edit(request.name(), requested);
                    return requireHolds(actor, before.permissions()).then(requireHolds(actor, edited.result().permissions()))
                            .then(roles.save(edited.result())).thenReturn(edited);
                })).map(RoleView::of);
    }

    Mono<Void> delete(UUID orgId, UUID roleId, Caller caller) {
        return writes.asMember(orgId, caller, Permission.ROLES_MANAGE, (org, actor) -> existing(orgId, roleId)
                .flatMap(role -> members.holding(orgId, role.role()).flatMap(holders -> holders > 0
                        ? Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("role-in-use"),
                                holders + " member(s) hold this role; give them another role first."))
                        : roles.delete(role).thenReturn(role.delete()))));
    }

    private Mono<CustomRole> existing(UUID orgId, UUID roleId) {
        return roles.find(orgId, roleId).switchIfEmpty(Mono.error(() -> ProblemException.notFound("role " + roleId)));
    }

    private static Mono<Void> requireHolds(Member actor, Set<Permission> granted) {
        return actor.permissions().containsAll(granted) ? Mono.empty()
                : Mono.error(ProblemException.forbidden("You cannot grant permissions you do not hold."));
    }

    private static Set<Permission> parse(List<String> keys) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String key : keys) {
            permissions.add(Permission.byKey(key).orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "The request has invalid fields.", Map.of("errors", List.of(Map.of("field", "permissions", "message", "unknown permission " + key))))));
        }
        return permissions;
    }
}
