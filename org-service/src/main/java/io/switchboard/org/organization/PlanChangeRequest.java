package io.switchboard.org.organization;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** An operator's plan change; {@code seats} absent means the plan's own number of agent seats. */
public record PlanChangeRequest(@NotNull Plan plan, @Min(1) @Max(Plan.MAX_SEATS) Integer seats) {
}
