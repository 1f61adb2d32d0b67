package io.switchboard.identity.invitation;

import io.switchboard.events.routing.RoutingSetup;
import io.switchboard.identity.routing.ValidRouting;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * One invitation. {@code portalIds}: the portals (departments) the person joins on acceptance, at most
 * {@link #MAX_PORTALS}, no null entries (repeats count once). identity-service keeps them as given and passes
 * them on (identity.invitation.accepted → org.member.joined); the portal roles are chosen by portal-service.
 * {@code routing}: the routing setup applied when they join (see {@link RoutingSetup}); its shape is checked
 * here ({@link ValidRouting}), whether its clients and teams exist is decided by routing-service on joining.
 */
public record InviteRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank String role,
        @Size(max = MAX_PORTALS) List<@NotNull UUID> portalIds,
        @Size(max = 60) String firstName,
        @Size(max = 60) String lastName,
        @Pattern(regexp = "\\+?[0-9 ()-]{4,32}") String phone,
        @ValidRouting RoutingSetup routing) {

    /** Without a routing setup. */
    public InviteRequest(String email, String role, List<UUID> portalIds, String firstName, String lastName, String phone) {
        this(email, role, portalIds, firstName, lastName, phone, null);
    }

    /** At most this many portals per invitation (or direct creation). */
    public static final int MAX_PORTALS = 100;
}
