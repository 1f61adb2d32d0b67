package io.switchboard.org.organization;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Only the fields present change; they need org:update (owners and admins). Plan and seats are changed by
 * an operator or the billing integration only, so they are refused here (400 naming the field).
 * {@code managersMayInviteManagers}: whether MANAGERs may invite MANAGERs too (off by default).
 */
public record UpdateOrganizationRequest(
        @Size(min = 1, max = 120) String name,
        @Size(max = 64) String timezone,
        @Pattern(regexp = "\\+?[0-9 ()-]{4,32}") String phone,
        @Email String billingEmail,
        Boolean managersMayInviteManagers,
        @Null(message = PLAN_REFUSAL) Object plan,
        @Null(message = PLAN_REFUSAL) Object seatLimit,
        @Null(message = PLAN_REFUSAL) Object seats) {

    static final String PLAN_REFUSAL = "plan and seats are changed by Switchboard support; contact support or upgrade your plan";
}
