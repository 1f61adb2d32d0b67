package io.switchboard.portal.orgmember;

import java.util.UUID;

/** A member of an organization as org.memberships.v1 told portal-service: who they are, their org role and status. */
public record OrgMember(UUID orgId, UUID userId, String displayName, String email, String role, Status status) {

    public enum Status { ACTIVE, DEACTIVATED, REMOVED }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    public OrgMember withRole(String newRole) {
        return new OrgMember(orgId, userId, displayName, email, newRole, status);
    }

    public OrgMember withStatus(Status newStatus) {
        return new OrgMember(orgId, userId, displayName, email, role, newStatus);
    }
}
