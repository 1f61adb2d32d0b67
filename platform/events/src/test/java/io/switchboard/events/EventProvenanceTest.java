package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventProvenanceTest {

    private static final String ORG = "6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c";
    private static final String OTHER_ORG = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    @Test
    void orgEventFromOrgService_isBelieved() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, ORG, "org-service", ORG, "org.organization.deleted", ORG)).isEmpty();
    }

    @Test
    void forgedOrganizationDeleted_fromIdentityService_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, ORG, "identity-service", ORG, "org.organization.deleted", ORG))
                .contains("source identity-service may not publish on org.memberships.v1");
    }

    @Test
    void forgedInvitationAccepted_fromOrgService_isRejected() {
        assertThat(EventProvenance.rejection(Topics.IDENTITY_INVITATIONS, ORG, "org-service", ORG, "identity.invitation.accepted", ORG))
                .contains("source org-service may not publish on identity.invitations.v1");
    }

    @Test
    void missingSource_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, ORG, null, ORG, "org.member.joined", ORG))
                .contains("source (none) may not publish on org.memberships.v1");
    }

    @Test
    void oldUrnSpelling_isNotAnOwner() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, ORG, "urn:switchboard:org-service", ORG, "org.member.joined", ORG)).isPresent();
    }

    @Test
    void mailRequests_comeFromIdentityAndOrgService_only() {
        assertThat(EventProvenance.rejection(Topics.NOTIFICATION_EMAIL_REQUESTS, ORG, "identity-service", ORG, "notification.email.requested", null)).isEmpty();
        assertThat(EventProvenance.rejection(Topics.NOTIFICATION_EMAIL_REQUESTS, ORG, "org-service", ORG, "notification.email.requested", null)).isEmpty();
        assertThat(EventProvenance.rejection(Topics.NOTIFICATION_EMAIL_REQUESTS, ORG, "portal-service", ORG, "notification.email.requested", null)).isPresent();
    }

    @Test
    void billingEvents_comeFromBilling_only() {
        assertThat(EventProvenance.rejection(Topics.BILLING_SUBSCRIPTIONS, ORG, "billing", ORG, "billing.plan.changed", ORG)).isEmpty();
        assertThat(EventProvenance.rejection(Topics.BILLING_SUBSCRIPTIONS, ORG, "org-service", ORG, "billing.plan.changed", ORG))
                .contains("source org-service may not publish on billing.subscriptions.v1");
    }

    @Test
    void inboundConversations_comeFromTheChannelIntegrations_only() {
        assertThat(EventProvenance.rejection(Topics.CONVERSATIONS_INBOUND, ORG, "channels", ORG, "conversation.opened", ORG)).isEmpty();
        assertThat(EventProvenance.rejection(Topics.CONVERSATIONS_INBOUND, ORG, "routing-service", ORG, "conversation.opened", ORG))
                .contains("source routing-service may not publish on conversations.inbound.v1");
    }

    @Test
    void routingEvents_comeFromRoutingService_only() {
        assertThat(EventProvenance.rejection(Topics.ROUTING_AUDIT, ORG, "routing-service", ORG, "routing.audit.recorded", ORG)).isEmpty();
        assertThat(EventProvenance.rejection(Topics.ROUTING_AUDIT, ORG, "channels", ORG, "routing.audit.recorded", ORG))
                .contains("source channels may not publish on routing.audit.v1");
        assertThat(EventProvenance.rejection(Topics.ROUTING_ASSIGNMENTS, ORG, "portal-service", ORG, "routing.conversation.assigned", ORG))
                .contains("source portal-service may not publish on routing.assignments.v1");
    }

    @Test
    void conversationEventOnTheAssignmentsTopic_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ROUTING_ASSIGNMENTS, ORG, "routing-service", ORG, "conversation.opened", ORG))
                .contains("type conversation.opened does not travel on routing.assignments.v1");
    }

    @Test
    void topicWithoutKnownOwner_acceptsNobody() {
        assertThat(EventProvenance.rejection("payments.charges.v1", ORG, "org-service", ORG, "x.y", null))
                .contains("no producer may publish on payments.charges.v1");
    }

    @Test
    void keyOfAnotherOrg_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, OTHER_ORG, "org-service", ORG, "org.member.joined", ORG))
                .contains("record key " + OTHER_ORG + " does not match subject " + ORG);
    }

    @Test
    void missingKey_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, null, "org-service", ORG, "org.member.joined", ORG)).isPresent();
    }

    @Test
    void dataAboutAnotherOrg_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, ORG, "org-service", ORG, "org.member.joined", OTHER_ORG))
                .contains("data.orgId " + OTHER_ORG + " does not match subject " + ORG);
    }

    @Test
    void subjectThatIsNoOrgId_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, "acme", "org-service", "acme", "org.member.joined", null))
                .contains("subject acme is not an orgId");
    }

    @Test
    void upperCaseUuids_stillAgree() {
        String upper = ORG.toUpperCase();
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, upper, "org-service", ORG, "org.member.joined", upper)).isEmpty();
    }

    @Test
    void knownTypeOnAnotherTopic_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_ORGANIZATIONS, ORG, "org-service", ORG, "org.member.joined", ORG))
                .contains("type org.member.joined does not travel on org.organizations.v1");
    }

    @Test
    void missingType_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, ORG, "org-service", ORG, null, ORG)).contains("envelope has no type");
    }

    @Test
    void unknownTypeOfAnOwner_passes_consumersIgnoreIt() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, ORG, "org-service", ORG, "org.member.newly-invented", ORG)).isEmpty();
    }

    @Test
    void controlCharactersInQuotedValues_areNeutralised() {
        String forged = "evil\nINFO fake log line" + "x".repeat(200);
        String reason = EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, ORG, forged, ORG, "org.member.joined", ORG).orElseThrow();
        assertThat(reason).doesNotContain("\n").hasSizeLessThan(150);
    }

    @Test
    void membershipState_keyedByOrgAndMember_fromOrgService_isBelieved() {
        String key = ORG + ":" + OTHER_ORG;
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIP_STATE, key, "org-service", ORG, "org.membership.state", ORG)).isEmpty();
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIP_STATE, ORG + ":role:" + OTHER_ORG, "org-service", ORG, "org.role.state", ORG)).isEmpty();
    }

    @Test
    void membershipState_fromAnotherService_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIP_STATE, ORG + ":" + OTHER_ORG, "identity-service", ORG, "org.membership.state", ORG))
                .contains("source identity-service may not publish on org.membership-state.v1");
    }

    @Test
    void membershipState_whoseKeyNamesAnotherOrg_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIP_STATE, OTHER_ORG + ":" + ORG, "org-service", ORG, "org.membership.state", ORG))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not match subject"));
    }

    @Test
    void anEventOfTheHistoryTopic_onTheStateTopic_isRejected() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIP_STATE, ORG + ":" + OTHER_ORG, "org-service", ORG, "org.member.joined", ORG))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not travel on"));
    }

    @Test
    void onAnEventTopic_aKeyWithAColon_isNotAnOrgId() {
        assertThat(EventProvenance.rejection(Topics.ORG_MEMBERSHIPS, ORG + ":" + OTHER_ORG, "org-service", ORG, "org.member.joined", ORG))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not match subject"));
    }

    @Test
    void ownersByTopic() {
        assertThat(Topics.owners(Topics.ORG_ORGANIZATIONS)).containsExactly("org-service");
        assertThat(Topics.owners(Topics.NOTIFICATION_EMAIL_REQUESTS)).containsExactlyInAnyOrder("identity-service", "org-service");
        assertThat(Topics.owners(Topics.IDENTITY_INVITATIONS)).containsExactly("identity-service");
        assertThat(Topics.owners(UUID.randomUUID().toString())).isEmpty();
    }
}
