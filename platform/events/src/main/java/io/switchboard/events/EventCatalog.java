package io.switchboard.events;

import io.switchboard.events.audit.AuditRecorded;
import io.switchboard.events.billing.BillingPlanChanged;
import io.switchboard.events.conversation.ConversationEnded;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.events.conversation.CustomerReplied;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.events.lead.LeadReceived;
import io.switchboard.events.identity.InvitationRevoked;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.events.notification.EmailRequested;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberReactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.events.org.MembershipState;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.events.org.OrganizationDeleted;
import io.switchboard.events.org.OrganizationUpdated;
import io.switchboard.events.org.OwnershipTransferRequested;
import io.switchboard.events.org.OwnershipTransferred;
import io.switchboard.events.org.RoleDefined;
import io.switchboard.events.org.RoleDeleted;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.portal.PortalArchived;
import io.switchboard.events.portal.PortalCreated;
import io.switchboard.events.portal.PortalMemberAdded;
import io.switchboard.events.portal.PortalMemberRemoved;
import io.switchboard.events.portal.PortalMemberRoleChanged;
import io.switchboard.events.portal.PortalUpdated;
import io.switchboard.events.routing.CustomerRepliedToAssignee;
import io.switchboard.events.routing.LeadAssigned;
import io.switchboard.events.routing.LeadQueued;
import io.switchboard.events.routing.LeadStatusChanged;
import io.switchboard.events.routing.LeadStatusesUpdated;
import io.switchboard.events.routing.ProfileUpdated;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkClosed;
import io.switchboard.events.routing.WorkQueued;
import io.switchboard.events.routing.WorkUnassigned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the platform. docs/events.md lists the same, with producers and consumers. */
public final class EventCatalog {

    public static final EventType<OrganizationCreated> ORGANIZATION_CREATED =
            new EventType<>("org.organization.created", Topics.ORG_ORGANIZATIONS, OrganizationCreated.class, 1);
    public static final EventType<MemberJoined> MEMBER_JOINED =
            new EventType<>("org.member.joined", Topics.ORG_MEMBERSHIPS, MemberJoined.class, 1);
    public static final EventType<MemberRoleChanged> MEMBER_ROLE_CHANGED =
            new EventType<>("org.member.role-changed", Topics.ORG_MEMBERSHIPS, MemberRoleChanged.class, 1);
    public static final EventType<MemberRemoved> MEMBER_REMOVED =
            new EventType<>("org.member.removed", Topics.ORG_MEMBERSHIPS, MemberRemoved.class, 1);
    public static final EventType<MemberDeactivated> MEMBER_DEACTIVATED =
            new EventType<>("org.member.deactivated", Topics.ORG_MEMBERSHIPS, MemberDeactivated.class, 1);
    public static final EventType<MemberReactivated> MEMBER_REACTIVATED =
            new EventType<>("org.member.reactivated", Topics.ORG_MEMBERSHIPS, MemberReactivated.class, 1);

    public static final EventType<OrganizationUpdated> ORGANIZATION_UPDATED =
            new EventType<>("org.organization.updated", Topics.ORG_ORGANIZATIONS, OrganizationUpdated.class, 1);
    public static final EventType<OrganizationDeleted> ORGANIZATION_DELETED =
            new EventType<>("org.organization.deleted", Topics.ORG_MEMBERSHIPS, OrganizationDeleted.class, 1);
    public static final EventType<OwnershipTransferRequested> OWNERSHIP_TRANSFER_REQUESTED =
            new EventType<>("org.ownership.transfer-requested", Topics.ORG_ORGANIZATIONS, OwnershipTransferRequested.class, 1);
    public static final EventType<OwnershipTransferred> OWNERSHIP_TRANSFERRED =
            new EventType<>("org.ownership.transferred", Topics.ORG_ORGANIZATIONS, OwnershipTransferred.class, 1);
    public static final EventType<RoleDefined> ROLE_DEFINED =
            new EventType<>("org.role.defined", Topics.ORG_MEMBERSHIPS, RoleDefined.class, 1);
    public static final EventType<RoleDeleted> ROLE_DELETED =
            new EventType<>("org.role.deleted", Topics.ORG_MEMBERSHIPS, RoleDeleted.class, 1);
    /** The membership as it is now, on the compacted state topic (key orgId:userId; a tombstone when it ends). */
    public static final EventType<MembershipState> MEMBERSHIP_STATE =
            new EventType<>("org.membership.state", Topics.ORG_MEMBERSHIP_STATE, MembershipState.class, 1);
    /** The custom role as it is now, on the compacted state topic (key orgId:role:roleId; a tombstone when deleted). */
    public static final EventType<RoleDefined> ROLE_STATE =
            new EventType<>("org.role.state", Topics.ORG_MEMBERSHIP_STATE, RoleDefined.class, 1);
    public static final EventType<InvitationAccepted> INVITATION_ACCEPTED =
            new EventType<>("identity.invitation.accepted", Topics.IDENTITY_INVITATIONS, InvitationAccepted.class, 1);
    public static final EventType<InvitationRevoked> INVITATION_REVOKED =
            new EventType<>("identity.invitation.revoked", Topics.IDENTITY_INVITATIONS, InvitationRevoked.class, 1);
    public static final EventType<SessionEnded> SESSION_ENDED =
            new EventType<>("identity.session.ended", Topics.IDENTITY_SESSIONS, SessionEnded.class, 1);

    public static final EventType<EmailRequested> EMAIL_REQUESTED =
            new EventType<>("notification.email.requested", Topics.NOTIFICATION_EMAIL_REQUESTS, EmailRequested.class, 1);

    public static final EventType<BillingPlanChanged> BILLING_PLAN_CHANGED =
            new EventType<>("billing.plan.changed", Topics.BILLING_SUBSCRIPTIONS, BillingPlanChanged.class, 1);

    public static final EventType<PortalCreated> PORTAL_CREATED =
            new EventType<>("portal.portal.created", Topics.PORTAL_PORTALS, PortalCreated.class, 1);
    public static final EventType<PortalUpdated> PORTAL_UPDATED =
            new EventType<>("portal.portal.updated", Topics.PORTAL_PORTALS, PortalUpdated.class, 1);
    public static final EventType<PortalArchived> PORTAL_ARCHIVED =
            new EventType<>("portal.portal.archived", Topics.PORTAL_PORTALS, PortalArchived.class, 1);
    public static final EventType<PortalMemberAdded> PORTAL_MEMBER_ADDED =
            new EventType<>("portal.member.added", Topics.PORTAL_PORTALS, PortalMemberAdded.class, 1);
    public static final EventType<PortalMemberRoleChanged> PORTAL_MEMBER_ROLE_CHANGED =
            new EventType<>("portal.member.role-changed", Topics.PORTAL_PORTALS, PortalMemberRoleChanged.class, 1);
    public static final EventType<PortalMemberRemoved> PORTAL_MEMBER_REMOVED =
            new EventType<>("portal.member.removed", Topics.PORTAL_PORTALS, PortalMemberRemoved.class, 1);
    public static final EventType<AvailabilityChanged> AVAILABILITY_CHANGED =
            new EventType<>("portal.availability.changed", Topics.PORTAL_AVAILABILITY, AvailabilityChanged.class, 1);
    public static final EventType<AuditRecorded> PORTAL_AUDIT_RECORDED =
            new EventType<>("portal.audit.recorded", Topics.PORTAL_AUDIT, AuditRecorded.class, 1);

    public static final EventType<ConversationOpened> CONVERSATION_OPENED =
            new EventType<>("conversation.opened", Topics.CONVERSATIONS_INBOUND, ConversationOpened.class, 1);
    public static final EventType<CustomerReplied> CONVERSATION_CUSTOMER_REPLIED =
            new EventType<>("conversation.customer-replied", Topics.CONVERSATIONS_INBOUND, CustomerReplied.class, 1);
    public static final EventType<ConversationEnded> CONVERSATION_ENDED =
            new EventType<>("conversation.closed", Topics.CONVERSATIONS_INBOUND, ConversationEnded.class, 1);

    public static final EventType<LeadReceived> LEAD_RECEIVED =
            new EventType<>("lead.received", Topics.LEADS_INBOUND, LeadReceived.class, 1);

    public static final EventType<WorkQueued> ROUTING_CONVERSATION_QUEUED =
            new EventType<>("routing.conversation.queued", Topics.ROUTING_ASSIGNMENTS, WorkQueued.class, 1);
    public static final EventType<WorkAssigned> ROUTING_CONVERSATION_ASSIGNED =
            new EventType<>("routing.conversation.assigned", Topics.ROUTING_ASSIGNMENTS, WorkAssigned.class, 1);
    public static final EventType<WorkUnassigned> ROUTING_CONVERSATION_UNASSIGNED =
            new EventType<>("routing.conversation.unassigned", Topics.ROUTING_ASSIGNMENTS, WorkUnassigned.class, 1);
    public static final EventType<WorkUnassigned> ROUTING_CONVERSATION_REROUTED =
            new EventType<>("routing.conversation.rerouted", Topics.ROUTING_ASSIGNMENTS, WorkUnassigned.class, 1);
    public static final EventType<WorkClosed> ROUTING_CONVERSATION_CLOSED =
            new EventType<>("routing.conversation.closed", Topics.ROUTING_ASSIGNMENTS, WorkClosed.class, 1);
    public static final EventType<CustomerRepliedToAssignee> ROUTING_CUSTOMER_REPLIED =
            new EventType<>("routing.conversation.customer-replied", Topics.ROUTING_ASSIGNMENTS, CustomerRepliedToAssignee.class, 1);
    public static final EventType<ProfileUpdated> ROUTING_PROFILE_UPDATED =
            new EventType<>("routing.profile.updated", Topics.ROUTING_ASSIGNMENTS, ProfileUpdated.class, 1);
    public static final EventType<LeadQueued> ROUTING_LEAD_QUEUED =
            new EventType<>("routing.lead.queued", Topics.ROUTING_ASSIGNMENTS, LeadQueued.class, 1);
    public static final EventType<LeadAssigned> ROUTING_LEAD_ASSIGNED =
            new EventType<>("routing.lead.assigned", Topics.ROUTING_ASSIGNMENTS, LeadAssigned.class, 1);
    /** A lead taken back by hand (kind LEAD, channel null). */
    public static final EventType<WorkUnassigned> ROUTING_LEAD_UNASSIGNED =
            new EventType<>("routing.lead.unassigned", Topics.ROUTING_ASSIGNMENTS, WorkUnassigned.class, 1);
    /** A lead the platform took back (kind LEAD, channel null). */
    public static final EventType<WorkUnassigned> ROUTING_LEAD_REROUTED =
            new EventType<>("routing.lead.rerouted", Topics.ROUTING_ASSIGNMENTS, WorkUnassigned.class, 1);
    public static final EventType<LeadStatusChanged> ROUTING_LEAD_STATUS_CHANGED =
            new EventType<>("routing.lead.status-changed", Topics.ROUTING_ASSIGNMENTS, LeadStatusChanged.class, 1);
    public static final EventType<LeadStatusesUpdated> ROUTING_LEAD_STATUSES_UPDATED =
            new EventType<>("routing.lead-statuses.updated", Topics.ROUTING_ASSIGNMENTS, LeadStatusesUpdated.class, 1);
    public static final EventType<AuditRecorded> ROUTING_AUDIT_RECORDED =
            new EventType<>("routing.audit.recorded", Topics.ROUTING_AUDIT, AuditRecorded.class, 1);

    public static final List<EventType<?>> ALL = List.of(
            ORGANIZATION_CREATED, ORGANIZATION_UPDATED, ORGANIZATION_DELETED, OWNERSHIP_TRANSFER_REQUESTED, OWNERSHIP_TRANSFERRED,
            MEMBER_JOINED, MEMBER_ROLE_CHANGED, MEMBER_REMOVED, MEMBER_DEACTIVATED, MEMBER_REACTIVATED, ROLE_DEFINED, ROLE_DELETED,
            MEMBERSHIP_STATE, ROLE_STATE,
            INVITATION_ACCEPTED, INVITATION_REVOKED, SESSION_ENDED, EMAIL_REQUESTED, BILLING_PLAN_CHANGED,
            PORTAL_CREATED, PORTAL_UPDATED, PORTAL_ARCHIVED, PORTAL_MEMBER_ADDED, PORTAL_MEMBER_ROLE_CHANGED, PORTAL_MEMBER_REMOVED,
            AVAILABILITY_CHANGED, PORTAL_AUDIT_RECORDED,
            CONVERSATION_OPENED, CONVERSATION_CUSTOMER_REPLIED, CONVERSATION_ENDED, LEAD_RECEIVED,
            ROUTING_CONVERSATION_QUEUED, ROUTING_CONVERSATION_ASSIGNED, ROUTING_CONVERSATION_UNASSIGNED, ROUTING_CONVERSATION_REROUTED,
            ROUTING_CONVERSATION_CLOSED, ROUTING_CUSTOMER_REPLIED, ROUTING_PROFILE_UPDATED, ROUTING_LEAD_QUEUED, ROUTING_LEAD_ASSIGNED,
            ROUTING_LEAD_UNASSIGNED, ROUTING_LEAD_REROUTED, ROUTING_LEAD_STATUS_CHANGED, ROUTING_LEAD_STATUSES_UPDATED, ROUTING_AUDIT_RECORDED);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private EventCatalog() {
    }
}
