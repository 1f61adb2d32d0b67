package io.switchboard.routing.work;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The request bodies of the conversation API. */
final class Requests {

    private Requests() {
    }

    record OpenConversation(@NotNull UUID portalId, UUID teamId, @NotNull UUID clientId, @NotBlank String channel,
                            @NotBlank @Size(max = 200) String externalId, @Size(max = 200) String customerName, @Size(max = 500) String subject) {
    }

    /** {@code force} (OWNER/ADMIN only): assign past capacity or the profile; absent means false. */
    record Assign(@NotNull UUID userId, Boolean force) {

        boolean forced() {
            return Boolean.TRUE.equals(force);
        }
    }

    record Note(@NotBlank @Size(max = 4000) String text) {
    }
}
