package io.switchboard.org.organization;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Only the fields present change. billingEmail, plan and seatLimit are for owners. */
public record UpdateOrganizationRequest(
        @Size(min = 1, max = 120) String name,
        @Size(max = 64) String timezone,
        @Pattern(regexp = "\\+?[0-9 ()-]{4,32}") String phone,
        @Email String billingEmail,
        Plan plan,
        @Min(1) @Max(100000) Integer seatLimit) {

    boolean touchesBilling() {
        return billingEmail != null || plan != null || seatLimit != null;
    }
}
