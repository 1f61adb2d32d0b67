package io.switchboard.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.events.org.OwnershipTransferRequested;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.routing.CustomerRepliedToAssignee;
import io.switchboard.events.routing.LeadAssigned;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkUnassigned;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TextsTest {

    private static final UUID ORG = UUID.fromString("6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c");
    private static final UUID PORTAL = UUID.fromString("7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a");
    private static final UUID WORK = UUID.fromString("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f");
    private static final UUID ANA = UUID.randomUUID();
    private static final UUID BEN = UUID.randomUUID();
    private static final UUID MANAGER = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

    private static WorkAssigned conversation(UUID assignee, UUID previous, String by, UUID assignedBy) {
        return new WorkAssigned(ORG, "CONVERSATION", WORK, "twilio:SM8f3a", PORTAL, null, UUID.randomUUID(), "SMS", assignee, previous, by,
                assignedBy, 1, 3, 200, AT);
    }

    @Test
    void conversationAssigned_toTheAssignee_namesChannelPortalAndExternalId_highUrgency() {
        List<Draft> drafts = Texts.conversationAssigned(conversation(ANA, null, "AUTO", null), "Sales Portal", "Ana");

        assertThat(drafts).singleElement().satisfies(draft -> {
            assertThat(draft.userId()).isEqualTo(ANA);
            assertThat(draft.orgId()).isEqualTo(ORG);
            assertThat(draft.portalId()).isEqualTo(PORTAL);
            assertThat(draft.kind()).isEqualTo(Kind.CONVERSATION_ASSIGNED);
            assertThat(draft.title()).isEqualTo("New conversation assigned");
            assertThat(draft.body()).isEqualTo("SMS · Sales Portal · twilio:SM8f3a");
            assertThat(draft.url()).isEqualTo("/orgs/" + ORG + "/portals/" + PORTAL + "/conversations/" + WORK);
            assertThat(draft.tag()).isEqualTo("conversation:" + WORK);
            assertThat(draft.urgency()).isEqualTo("high");
        });
    }

    @Test
    void conversationReassigned_tellsBoth_theNewAssigneeAndThePreviousOne() {
        List<Draft> drafts = Texts.conversationAssigned(conversation(BEN, ANA, "MANUAL", MANAGER), null, "Ben Baker");

        assertThat(drafts).hasSize(2);
        assertThat(drafts.get(0).userId()).isEqualTo(BEN);
        assertThat(drafts.get(0).title()).isEqualTo("Conversation reassigned to you");
        assertThat(drafts.get(0).body()).as("an unknown portal name is left out").isEqualTo("SMS · twilio:SM8f3a");
        assertThat(drafts.get(1).userId()).isEqualTo(ANA);
        assertThat(drafts.get(1).kind()).isEqualTo(Kind.CONVERSATION_REROUTED);
        assertThat(drafts.get(1).title()).isEqualTo("Conversation taken back");
        assertThat(drafts.get(1).body()).isEqualTo("Reassigned to Ben Baker · SMS · twilio:SM8f3a");
        assertThat(drafts.get(1).urgency()).isEqualTo("normal");
    }

    @Test
    void takingAConversationOneself_notifiesNobody() {
        assertThat(Texts.conversationAssigned(conversation(ANA, null, "MANUAL", ANA), "Sales Portal", "Ana")).isEmpty();
    }

    @Test
    void leadAssigned_namesItsSource() {
        LeadAssigned lead = new LeadAssigned(ORG, WORK, "webform:7731", PORTAL, null, UUID.randomUUID(), "web-form", "new", ANA, null,
                "AUTO", null, 4, 10, AT, 122, AT);

        assertThat(Texts.leadAssigned(lead, "Sales Portal", "Ana")).singleElement().satisfies(draft -> {
            assertThat(draft.kind()).isEqualTo(Kind.LEAD_ASSIGNED);
            assertThat(draft.title()).isEqualTo("New lead assigned");
            assertThat(draft.body()).isEqualTo("Web form · Sales Portal · webform:7731");
            assertThat(draft.url()).isEqualTo("/orgs/" + ORG + "/portals/" + PORTAL + "/leads/" + WORK);
            assertThat(draft.tag()).isEqualTo("lead:" + WORK);
            assertThat(draft.urgency()).isEqualTo("high");
        });
    }

    @Test
    void customerReplied_bodyIsThePreview_onlyWithAnAssignee() {
        CustomerRepliedToAssignee reply = new CustomerRepliedToAssignee(ORG, WORK, "twilio:SM8f3a", PORTAL, "LIVE_CHAT", ANA,
                "It still says in transit, can you check?", AT);

        Draft draft = Texts.customerReplied(reply, "Support").orElseThrow();
        assertThat(draft.kind()).isEqualTo(Kind.CUSTOMER_REPLIED);
        assertThat(draft.title()).isEqualTo("Customer replied · Live chat · Support · twilio:SM8f3a");
        assertThat(draft.body()).isEqualTo("It still says in transit, can you check?");
        assertThat(draft.tag()).isEqualTo("conversation:" + WORK);

        assertThat(Texts.customerReplied(new CustomerRepliedToAssignee(ORG, WORK, "x", PORTAL, "SMS", null, "hi", AT), "Support")).isEmpty();
    }

    @Test
    void rerouted_saysWhyInWords_butNotToSomeoneWhoLeftTheOrg() {
        WorkUnassigned away = new WorkUnassigned(ORG, "CONVERSATION", WORK, PORTAL, null, "WHATSAPP", ANA, "AWAY_TOO_LONG", null, AT);
        Draft draft = Texts.takenBack(away, "Sales Portal").orElseThrow();
        assertThat(draft.userId()).isEqualTo(ANA);
        assertThat(draft.kind()).isEqualTo(Kind.CONVERSATION_REROUTED);
        assertThat(draft.title()).isEqualTo("Conversation taken back");
        assertThat(draft.body()).isEqualTo("You were away too long, so it was routed to someone else · WhatsApp · Sales Portal");
        assertThat(draft.url()).isEqualTo("/orgs/" + ORG + "/portals/" + PORTAL + "/conversations");

        WorkUnassigned lead = new WorkUnassigned(ORG, "LEAD", WORK, PORTAL, null, null, ANA, "MANUAL", MANAGER, AT);
        assertThat(Texts.takenBack(lead, "Sales Portal").orElseThrow()).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.LEAD_REROUTED);
            assertThat(d.title()).isEqualTo("Lead taken back");
            assertThat(d.body()).isEqualTo("A manager unassigned it from you · Sales Portal");
        });

        assertThat(Texts.takenBack(new WorkUnassigned(ORG, "CONVERSATION", WORK, PORTAL, null, "SMS", ANA, "MEMBER_REMOVED", null, AT), "P")).isEmpty();
        assertThat(Texts.takenBack(new WorkUnassigned(ORG, "CONVERSATION", WORK, PORTAL, null, "SMS", ANA, "MANUAL", ANA, AT), "P"))
                .as("unassigning it oneself").isEmpty();
    }

    @Test
    void availability_onlyWhenSomeoneElseChangedIt() {
        AvailabilityChanged byManager = new AvailabilityChanged(ORG, PORTAL, ANA, false, "Lunch", MANAGER, AT, "TOGGLED");
        Draft draft = Texts.availabilityChanged(byManager, "Sales Portal", "Mia Manager").orElseThrow();
        assertThat(draft.userId()).isEqualTo(ANA);
        assertThat(draft.kind()).isEqualTo(Kind.AVAILABILITY_CHANGED);
        assertThat(draft.title()).isEqualTo("You were set away");
        assertThat(draft.body()).isEqualTo("Sales Portal · by Mia Manager · “Lunch”");
        assertThat(draft.portalId()).isEqualTo(PORTAL);

        assertThat(Texts.availabilityChanged(new AvailabilityChanged(ORG, PORTAL, ANA, true, null, ANA, AT, "TOGGLED"), "P", null)).isEmpty();
        assertThat(Texts.availabilityChanged(new AvailabilityChanged(ORG, PORTAL, ANA, false, null, null, AT, "MEMBER_DEACTIVATED"), "P", null))
                .isEmpty();
        assertThat(Texts.availabilityChanged(new AvailabilityChanged(ORG, PORTAL, ANA, true, null, MANAGER, AT, "TOGGLED"), "P", null)
                .orElseThrow().body()).isEqualTo("P · by a manager");
    }

    @Test
    void roleChanged_removed_deactivated_ownership_concernNoPortal() {
        Draft role = Texts.roleChanged(new MemberRoleChanged(ORG, ANA, "AGENT", "MANAGER"), "Acme");
        assertThat(role.kind()).isEqualTo(Kind.ROLE_CHANGED);
        assertThat(role.portalId()).isNull();
        assertThat(role.title()).isEqualTo("Your role changed");
        assertThat(role.body()).isEqualTo("You are now Manager (was Agent) in Acme");
        assertThat(Texts.roleChanged(new MemberRoleChanged(ORG, ANA, "AGENT", "custom:" + UUID.randomUUID()), null).body())
                .isEqualTo("You are now a custom role (was Agent) in your organization");

        Draft removed = Texts.removed(ORG, ANA, false, "Acme");
        assertThat(removed.kind()).isEqualTo(Kind.MEMBER_REMOVED);
        assertThat(removed.title()).isEqualTo("Removed from Acme");
        assertThat(removed.body()).isEqualTo("You no longer have access to Acme.");
        Draft deactivated = Texts.removed(ORG, ANA, true, "Acme");
        assertThat(deactivated.kind()).isEqualTo(Kind.MEMBER_DEACTIVATED);
        assertThat(deactivated.title()).isEqualTo("Deactivated in Acme");

        UUID transfer = UUID.randomUUID();
        Draft offer = Texts.ownershipOffered(new OwnershipTransferRequested(ORG, transfer, BEN, ANA, Instant.parse("2026-11-30T10:15:30Z")),
                "Acme", "Ben Baker");
        assertThat(offer.userId()).isEqualTo(ANA);
        assertThat(offer.kind()).isEqualTo(Kind.OWNERSHIP_OFFERED);
        assertThat(offer.title()).isEqualTo("Ownership offered to you");
        assertThat(offer.body()).isEqualTo("Ben Baker wants to make you the owner of Acme. Accept by 30 Nov 2026.");
        assertThat(offer.url()).isEqualTo("/orgs/" + ORG + "/ownership-transfer");
        assertThat(offer.tag()).isEqualTo("ownership:" + transfer);
    }

    @Test
    void longTexts_areClipped_neverSplittingACharacter() {
        String preview = "😀".repeat(300);
        Draft draft = Texts.customerReplied(new CustomerRepliedToAssignee(ORG, WORK, "x", PORTAL, "SMS", ANA, preview, AT), "P").orElseThrow();
        assertThat(draft.body().length()).isLessThanOrEqualTo(Texts.MAX_BODY);
        assertThat(draft.body()).endsWith("😀…");
    }
}
