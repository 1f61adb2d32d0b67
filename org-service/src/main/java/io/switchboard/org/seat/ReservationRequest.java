package io.switchboard.org.seat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * identity-service's request for an invitation's seat: the invited role (built-in or custom:&lt;id&gt; of this
 * org), when the invitation expires (at most 8 days ahead) and who sent it.
 */
public record ReservationRequest(@NotBlank String role, @NotNull Instant expiresAt, @NotNull UUID invitedBy) {
}
