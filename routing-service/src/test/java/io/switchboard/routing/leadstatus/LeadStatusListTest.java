package io.switchboard.routing.leadstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.routing.LeadStatusesUpdated;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeadStatusListTest {

    private static final LeadStatusList DEFAULT = LeadStatusList.DEFAULT;

    private static LeadStatusList.Wanted keep(String id, String name, String outcome) {
        return new LeadStatusList.Wanted(id, name, outcome);
    }

    private static LeadStatusList.Wanted add(String name, String outcome) {
        return new LeadStatusList.Wanted(null, name, outcome);
    }

    private static List<String> fields(Runnable call) {
        try {
            call.run();
        } catch (ProblemException problem) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> errors = (List<Map<String, String>>) problem.properties().get("errors");
            return errors.stream().map(error -> error.get("field")).toList();
        }
        throw new AssertionError("no problem");
    }

    @Test
    void theDefault_isNewContactedQualifiedWonLost() {
        assertThat(DEFAULT.ids()).containsExactly("new", "contacted", "qualified", "won", "lost");
        assertThat(DEFAULT.first().id()).isEqualTo("new");
        assertThat(DEFAULT.find("won").orElseThrow().outcome()).isEqualTo(LeadOutcome.WON);
    }

    @Test
    void newStatusesGetASlugOfTheirName_renamesKeepTheId_andSlugsStayUnique() {
        LeadStatusList next = DEFAULT.replacedBy(List.of(keep("new", "Fresh", "OPEN"), add("Demo booked!", "OPEN"), add("Démo  booked", "OPEN"),
                add("New", "OPEN"), keep("won", "Won", "WON"), keep("lost", "Lost", "LOST")));
        assertThat(next.ids()).containsExactly("new", "demo-booked", "demo-booked-2", "new-2", "won", "lost");
        assertThat(next.first().name()).isEqualTo("Fresh");
        assertThat(DEFAULT.removedIn(next)).extracting(LeadStatus::id).containsExactly("contacted", "qualified");
    }

    @Test
    void theRulesAreNamedInThe400() {
        assertThat(fields(() -> DEFAULT.replacedBy(List.of()))).containsExactly("statuses");
        List<LeadStatusList.Wanted> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(add("S" + i, i == 0 ? "OPEN" : i == 1 ? "WON" : "LOST"));
        }
        assertThat(fields(() -> DEFAULT.replacedBy(tooMany))).containsExactly("statuses");
        assertThat(fields(() -> DEFAULT.replacedBy(List.of(add("Won", "WON"), add("Open", "OPEN"), add("Lost", "LOST")))))
                .containsExactly("statuses[0].outcome");
        assertThat(fields(() -> DEFAULT.replacedBy(List.of(add("New", "OPEN"), add("Lost", "LOST"))))).containsExactly("statuses");
        assertThat(fields(() -> DEFAULT.replacedBy(List.of(add("New", "OPEN"), add("new ", "OPEN"), add("", "WON"), add("x".repeat(51), "LOST"),
                add("Odd", "MAYBE"), keep("gone", "Gone", "OPEN"), keep("won", "Won", "LOST")))))
                .containsExactly("statuses[1].name", "statuses[2].name", "statuses[3].name", "statuses[4].outcome", "statuses[5].id",
                        "statuses[6].outcome");
    }

    @Test
    void aRemovedStatusInUse_needsAMove_toAStatusWithTheSameOutcome() {
        LeadStatusList next = DEFAULT.replacedBy(List.of(keep("new", "New", "OPEN"), keep("won", "Won", "WON"), keep("lost", "Lost", "LOST")));
        Map<String, Integer> inUse = Map.of("contacted", 3, "new", 1);
        assertThatThrownBy(() -> DEFAULT.checkedMoves(next, Map.of(), inUse))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(409);
                    assertThat(problem.properties()).containsEntry("statusId", "contacted").containsEntry("leads", 3);
                });
        assertThat(fields(() -> DEFAULT.checkedMoves(next, Map.of("contacted", "won"), inUse))).containsExactly("moves.contacted");
        assertThat(fields(() -> DEFAULT.checkedMoves(next, Map.of("new", "new"), inUse))).containsExactly("moves.new");
        assertThat(fields(() -> DEFAULT.checkedMoves(next, Map.of("contacted", "qualified"), inUse))).containsExactly("moves.contacted");
        // qualified has no leads: no move needed, and one given for it is dropped
        assertThat(DEFAULT.checkedMoves(next, Map.of("contacted", "new", "qualified", "new"), inUse)).containsExactly(Map.entry("contacted", "new"));
    }

    @Test
    void replacing_raisesOneEventWithTheMoves_andAnAuditLine_orNothingWhenUnchanged() {
        UUID org = UUID.randomUUID();
        assertThat(DEFAULT.replacing(DEFAULT, Map.of(), Map.of(), org, null, Instant.EPOCH).isEmpty()).isTrue();
        LeadStatusList next = DEFAULT.replacedBy(List.of(keep("new", "New", "OPEN"), keep("won", "Won", "WON"), keep("lost", "Lost", "LOST")));
        var change = next.replacing(DEFAULT, Map.of("contacted", "new"), Map.of("contacted", 3), org, null, Instant.EPOCH);
        assertThat(change.events()).hasSize(1);
        LeadStatusesUpdated event = (LeadStatusesUpdated) change.events().get(0).data();
        assertThat(event.statuses()).extracting(LeadStatusesUpdated.Status::id).containsExactly("new", "won", "lost");
        assertThat(event.moved()).containsExactly(new LeadStatusesUpdated.Move("contacted", "new", 3));
        assertThat(change.audit()).extracting(entry -> entry.action()).containsExactly("routing.lead-statuses.updated");
    }

    @Test
    void require_namesTheAllowedIds() {
        assertThatThrownBy(() -> DEFAULT.require("statusId", "maybe")).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status().value()).isEqualTo(400);
            assertThat(problem.properties().get("allowedStatusIds")).isEqualTo(DEFAULT.ids());
            assertThat(problem.getMessage()).contains("new, contacted, qualified, won, lost");
        });
    }
}
