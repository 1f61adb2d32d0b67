package io.switchboard.routing.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.routing.LeadStatusChanged;
import io.switchboard.routing.leadstatus.LeadStatusList;
import io.switchboard.routing.work.Kind;
import io.switchboard.routing.work.WorkItem;
import io.switchboard.routing.work.WorkStatus;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeadTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final Instant OPENED = Instant.parse("2026-12-04T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private static Lead lead(WorkStatus status, UUID assignee, String statusId) {
        return new Lead(new WorkItem(UUID.randomUUID(), ORG, Kind.LEAD, "web:1", UUID.randomUUID(), null, UUID.randomUUID(), Kind.LEAD_CHANNEL,
                status, assignee, 1, "Avery", null, OPENED, null, null, null, "web-form", statusId));
    }

    @Test
    void anOpenStatus_keepsTheLeadOpen_withOneEvent() {
        var change = lead(WorkStatus.ASSIGNED, AGENT, "new").changeStatus(LeadStatusList.DEFAULT, "contacted", AGENT, NOW).orElseThrow();
        assertThat(change.closes()).isFalse();
        LeadStatusChanged event = change.event().data();
        assertThat(event.fromStatusId()).isEqualTo("new");
        assertThat(event.toStatusId()).isEqualTo("contacted");
        assertThat(event.outcome()).isEqualTo("OPEN");
        assertThat(event.assigneeId()).isEqualTo(AGENT);
        assertThat(event.openedAt()).isEqualTo(OPENED);
        assertThat(change.event().type().name()).isEqualTo("routing.lead.status-changed");
    }

    @Test
    void wonAndLost_closeAnOpenLead_queuedOrAssigned() {
        assertThat(lead(WorkStatus.ASSIGNED, AGENT, "qualified").changeStatus(LeadStatusList.DEFAULT, "won", AGENT, NOW).orElseThrow().closes()).isTrue();
        var queued = lead(WorkStatus.QUEUED, null, "new").changeStatus(LeadStatusList.DEFAULT, "lost", null, NOW).orElseThrow();
        assertThat(queued.closes()).isTrue();
        assertThat(queued.event().data().assigneeId()).isNull();
    }

    @Test
    void aClosedLeadsStatus_changesNoMore() {
        assertThatThrownBy(() -> lead(WorkStatus.CLOSED, AGENT, "won").changeStatus(LeadStatusList.DEFAULT, "lost", AGENT, NOW))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.status().value()).isEqualTo(409));
        assertThat(lead(WorkStatus.CLOSED, AGENT, "won").changeStatus(LeadStatusList.DEFAULT, "won", AGENT, NOW)).as("the same: nothing").isEmpty();
        assertThatThrownBy(() -> lead(WorkStatus.CLOSED, AGENT, "won").changeStatus(LeadStatusList.DEFAULT, "contacted", AGENT, NOW))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.status().value()).isEqualTo(409));
    }

    @Test
    void theSameStatus_changesNothing_andAnUnknownOne_is400() {
        assertThat(lead(WorkStatus.ASSIGNED, AGENT, "new").changeStatus(LeadStatusList.DEFAULT, "new", AGENT, NOW)).isEmpty();
        assertThatThrownBy(() -> lead(WorkStatus.ASSIGNED, AGENT, "new").changeStatus(LeadStatusList.DEFAULT, "maybe", AGENT, NOW))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.status().value()).isEqualTo(400));
    }

    @Test
    void newLead_boundsItsFields_namesThem_andNeedsAContact() {
        assertThatThrownBy(() -> NewLead.checked(ORG, "x", null, null, UUID.randomUUID(), "web", null, null, null, "c".repeat(201),
                "m".repeat(5000), NOW))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    @SuppressWarnings("unchecked")
                    List<Map<String, String>> errors = (List<Map<String, String>>) problem.properties().get("errors");
                    assertThat(errors).extracting(error -> error.get("field")).containsExactly("portalId", "company", "message", "contactName");
                });
        assertThatThrownBy(() -> NewLead.checked(ORG, "x", UUID.randomUUID(), null, UUID.randomUUID(), " ", "n".repeat(5000), null, null, null,
                null, NOW))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.properties().toString())
                        .contains("source").contains("contactName"));
        NewLead ok = NewLead.checked(ORG, " web:1 ", UUID.randomUUID(), null, UUID.randomUUID(), "web-form", null, " ", "+1555", null, null, NOW);
        assertThat(ok.externalId()).isEqualTo("web:1");
        assertThat(ok.contact().contactEmail()).isNull();
        assertThat(ok.work("new").channel()).isEqualTo("LEAD");
        assertThat(ok.work("new").statusId()).isEqualTo("new");
    }
}
