package io.switchboard.org.role;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The permission catalog, and an organization's custom roles. */
@RestController
class RoleController {

    private final RoleService roles;

    RoleController(RoleService roles) {
        this.roles = roles;
    }

    record Catalog(List<String> permissions, Map<String, List<String>> builtInRoles) {
    }

    @GetMapping("/api/permissions")
    Mono<Catalog> catalog() {
        Map<String, List<String>> builtIn = new LinkedHashMap<>();
        for (BuiltInRole role : BuiltInRole.values()) {
            builtIn.put(role.name(), role.permissions().stream().map(Permission::key).sorted().toList());
        }
        return Mono.just(new Catalog(Arrays.stream(Permission.values()).map(Permission::key).toList(), builtIn));
    }

    @GetMapping("/api/orgs/{orgId}/roles")
    Flux<RoleView> list(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return roles.list(orgId, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/roles")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RoleView> create(@PathVariable UUID orgId, @Valid @RequestBody RoleRequest request, @AuthenticationPrincipal Jwt token) {
        return roles.create(orgId, Caller.from(token), request);
    }

    @PatchMapping("/api/orgs/{orgId}/roles/{roleId}")
    Mono<RoleView> update(@PathVariable UUID orgId, @PathVariable UUID roleId, @Valid @RequestBody UpdateRoleRequest request,
                          @AuthenticationPrincipal Jwt token) {
        return roles.update(orgId, roleId, Caller.from(token), request);
    }

    @DeleteMapping("/api/orgs/{orgId}/roles/{roleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable UUID orgId, @PathVariable UUID roleId, @AuthenticationPrincipal Jwt token) {
        return roles.delete(orgId, roleId, Caller.from(token));
    }
}
