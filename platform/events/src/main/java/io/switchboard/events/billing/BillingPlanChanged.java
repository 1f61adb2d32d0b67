package io.switchboard.events.billing;

import java.util.UUID;

/**
 * A billing integration (source {@code billing}) changed an organization's subscription: its plan and, when
 * given, its agent seats (null: the plan's default). org-service applies it as an operator's plan change.
 * Applying the same plan and seats again changes nothing.
 */
public record BillingPlanChanged(UUID orgId, String plan, Integer seats) {
}
