package io.switchboard.org.organization;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CreateOrganizationRequest(@NotBlank @Size(max = 120) String name, Plan plan, @Min(1) @Max(100000) Integer seatLimit) {
}
