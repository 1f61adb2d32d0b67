package io.switchboard.identity.account;

import io.switchboard.events.routing.RoutingSetup;
import io.switchboard.identity.routing.ValidRouting;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * An admin creates the account directly; {@code password} is initial: it must be changed at first sign-in.
 * {@code portalIds}: as an invitation's (at most 100, no null entries; repeats count once); {@code routing}: as an
 * invitation's (applied by routing-service when the membership is made).
 */
public record CreateUserRequest(@NotBlank @Size(max = 120) String fullName, @NotBlank @Email @Size(max = 254) String email,
                                @NotBlank @Size(min = 8, max = 128) String password, @NotBlank String role,
                                @Size(max = 100) List<@NotNull UUID> portalIds, @ValidRouting RoutingSetup routing) {

    /** Without a routing setup. */
    public CreateUserRequest(String fullName, String email, String password, String role, List<UUID> portalIds) {
        this(fullName, email, password, role, portalIds, null);
    }

    @Override
    public String toString() {
        return "CreateUserRequest[fullName=" + fullName + ", email=" + email + ", password=***, role=" + role + "]";
    }
}
