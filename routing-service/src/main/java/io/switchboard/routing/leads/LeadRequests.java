package io.switchboard.routing.leads;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The request bodies of the lead API; a new lead's fields are checked by {@link NewLead#checked}. */
final class LeadRequests {

    private LeadRequests() {
    }

    /** {@code externalId} optional: one is generated ("lead:" + a random UUID) when absent. */
    record Create(UUID portalId, UUID teamId, UUID clientId, String externalId, String source, String contactName, String contactEmail,
                  String contactPhone, String company, String message) {

        /** The lead it asks for (opened when the service opens it); 400 naming every field at fault. */
        NewLead checked(UUID orgId) {
            return NewLead.checked(orgId, externalId == null ? "lead:" + UUID.randomUUID() : externalId, portalId, teamId, clientId, source,
                    contactName, contactEmail, contactPhone, company, message, null);
        }
    }

    record ChangeStatus(@NotBlank @Size(max = 64) String statusId) {
    }

    /** {@code force} (OWNER/ADMIN only): assign past lead capacity or the profile; absent means false. */
    record Assign(@NotNull UUID userId, Boolean force) {

        boolean forced() {
            return Boolean.TRUE.equals(force);
        }
    }

    record Note(@NotBlank @Size(max = 4000) String text) {
    }
}
