package io.switchboard.org.organization;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.events.access.Permission;
import io.switchboard.org.access.Member;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization as a member sees it: agent seats taken beside the limit; the account phone and billing
 * email only for those who may read settings (owners, admins, custom roles with settings:read).
 * {@code managersMayInviteManagers} (every member sees it): whether MANAGERs may invite MANAGERs too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizationView(UUID id, String name, Plan plan, int seatLimit, long seatsTaken, String timezone, String phone,
                               String billingEmail, UUID primaryOwnerId, Instant createdAt, boolean managersMayInviteManagers) {

    static OrganizationView of(Organization org, long seatsTaken, Member reader) {
        boolean settings = reader.can(Permission.SETTINGS_READ);
        return new OrganizationView(org.id(), org.name(), org.plan(), org.seatLimit(), seatsTaken, org.timezone(),
                settings ? org.phone() : null, settings ? org.billingEmail() : null, org.primaryOwnerId(), org.createdAt(),
                org.managersMayInviteManagers());
    }

    /** For operators, who are not members. */
    static OrganizationView full(Organization org, long seatsTaken) {
        return new OrganizationView(org.id(), org.name(), org.plan(), org.seatLimit(), seatsTaken, org.timezone(), org.phone(),
                org.billingEmail(), org.primaryOwnerId(), org.createdAt(), org.managersMayInviteManagers());
    }
}
