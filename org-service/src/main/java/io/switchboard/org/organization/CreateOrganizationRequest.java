package io.switchboard.org.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;

/**
 * A new organization starts on FREE_TRIAL: {@code plan} and seats are not the creator's to choose (400 naming
 * the field). They are read as raw JSON so that any value, valid or not, is refused the same way.
 */
public record CreateOrganizationRequest(
        @NotBlank @Size(max = 120) String name,
        @Null(message = UpdateOrganizationRequest.PLAN_REFUSAL) Object plan,
        @Null(message = UpdateOrganizationRequest.PLAN_REFUSAL) Object seatLimit,
        @Null(message = UpdateOrganizationRequest.PLAN_REFUSAL) Object seats) {
}
