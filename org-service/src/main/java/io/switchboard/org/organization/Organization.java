package io.switchboard.org.organization;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.events.org.OrganizationDeleted;
import io.switchboard.events.org.OrganizationUpdated;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * An organization (company). Its transitions return the changed organization with the event and audit line.
 * {@code managersMayInviteManagers}: the setting that lets MANAGERs invite MANAGERs too (off by default; used
 * when an invitation is accepted, never for role changes).
 */
public record Organization(UUID id, String name, Plan plan, int seatLimit, String timezone, String phone, String billingEmail,
                           UUID primaryOwnerId, Instant createdAt, boolean managersMayInviteManagers) {

    public static final String MORE_SEATS = "Need more seats? Contact support or upgrade your plan.";

    /**
     * A new organization on FREE_TRIAL whose creator is its primary owner (and first member, an OWNER, in no
     * portal: owners see every portal anyway). {@code creatorName} and {@code creatorEmail} are what their
     * token says (may be null).
     */
    static Change<Organization> create(String name, UUID creator, String creatorName, String creatorEmail, Instant now) {
        Plan plan = Plan.FREE_TRIAL;
        Organization org = new Organization(UUID.randomUUID(), name.trim(), plan, plan.defaultSeats(), "UTC", null, null, creator, now, false);
        String owner = BuiltInRole.OWNER.name();
        return new Change<>(org,
                List.of(PendingEvent.of(EventCatalog.ORGANIZATION_CREATED, new OrganizationCreated(org.id, org.name, plan.name(), creator)),
                        PendingEvent.of(EventCatalog.MEMBER_JOINED, new MemberJoined(org.id, creator, owner, creatorName, creatorEmail, List.of(), null))),
                List.of(new AuditEntry("org.created", org.target(), Map.of(), Map.of("name", org.name, "plan", plan.name(), "seatLimit", org.seatLimit))));
    }

    /** A seat for one more agent, given how many are taken; else 409 saying what to do. */
    public void requireFreeSeat(long taken) {
        if (taken >= seatLimit) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("seat-limit-reached"),
                    "All " + seatLimit + " agent seats of the " + plan + " plan are taken (members and pending invitations). " + MORE_SEATS,
                    Map.of("seatLimit", seatLimit, "seatsTaken", taken));
        }
    }

    /** Name, timezone, phone, billing email and whether managers may invite managers; fields left null keep their value. */
    Change<Organization> update(String newName, String newTimezone, String newPhone, String newBillingEmail, Boolean newManagersMayInviteManagers) {
        Organization after = new Organization(id, newName != null ? newName.trim() : name, plan, seatLimit,
                newTimezone != null ? newTimezone : timezone, newPhone != null ? newPhone : phone,
                newBillingEmail != null ? newBillingEmail : billingEmail, primaryOwnerId, createdAt,
                newManagersMayInviteManagers != null ? newManagersMayInviteManagers : managersMayInviteManagers);
        return after.equals(this) ? Change.none(this) : Change.of(after, after.updatedEvent(), new AuditEntry("org.updated", target(), state(), after.state()));
    }

    /** An operator's or the billing integration's plan change; the same plan and seats again change nothing. */
    Change<Organization> changePlan(Plan newPlan, Integer seats) {
        Organization after = new Organization(id, name, newPlan, newPlan.seats(seats), timezone, phone, billingEmail, primaryOwnerId, createdAt,
                managersMayInviteManagers);
        return after.equals(this) ? Change.none(this)
                : Change.of(after, after.updatedEvent(), new AuditEntry("org.plan-changed", target(),
                        Map.of("plan", plan.name(), "seatLimit", seatLimit), Map.of("plan", newPlan.name(), "seatLimit", after.seatLimit())));
    }

    Change<Void> delete() {
        return Change.of(null, PendingEvent.of(EventCatalog.ORGANIZATION_DELETED, new OrganizationDeleted(id)),
                new AuditEntry("org.deleted", target(), state(), Map.of()));
    }

    Organization withPrimaryOwner(UUID userId) {
        return new Organization(id, name, plan, seatLimit, timezone, phone, billingEmail, userId, createdAt, managersMayInviteManagers);
    }

    private PendingEvent<OrganizationUpdated> updatedEvent() {
        return PendingEvent.of(EventCatalog.ORGANIZATION_UPDATED, new OrganizationUpdated(id, name, plan.name(), seatLimit, timezone,
                managersMayInviteManagers));
    }

    String target() {
        return "org:" + id;
    }

    Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", name);
        state.put("plan", plan.name());
        state.put("seatLimit", seatLimit);
        state.put("timezone", timezone);
        state.put("phone", phone);
        state.put("billingEmail", billingEmail);
        state.put("managersMayInviteManagers", managersMayInviteManagers);
        return state;
    }
}
