package io.switchboard.identity.invitation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

public record InviteRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank String role,
        List<UUID> portalIds,
        @Size(max = 60) String firstName,
        @Size(max = 60) String lastName,
        @Pattern(regexp = "\\+?[0-9 ()-]{4,32}") String phone) {
}
