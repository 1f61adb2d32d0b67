package io.switchboard.portal.portals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** A portal as the API shows it; {@code archivedAt} only for archived ones, {@code myPortalRole} null when the caller is not a member. */
record PortalView(UUID id, String name, String description, String accentColor, @JsonProperty("isDefault") boolean isDefault, boolean archived,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Instant archivedAt, Instant createdAt, long memberCount, long availableCount,
                  String myPortalRole) {

    static PortalView of(Portals.Listed listed) {
        Portal p = listed.portal();
        return new PortalView(p.id(), p.name(), p.description(), p.accentColor(), p.isDefault(), p.isArchived(), p.archivedAt(), p.createdAt(),
                listed.memberCount(), listed.availableCount(), listed.myPortalRole());
    }
}
