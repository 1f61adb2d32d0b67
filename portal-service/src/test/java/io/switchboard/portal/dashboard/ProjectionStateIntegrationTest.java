package io.switchboard.portal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.portal.PortalIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Switching the dashboards' consumer group back to a name used before (A, then B, then A again): the claim that
 * empties the read model forgets A's old inbox rows too, or A's second reading of the topic from its start would
 * skip, as already applied, every event it applied the first time, and the rebuilt model would miss them.
 */
class ProjectionStateIntegrationTest extends PortalIntegrationTest {

    @Autowired ProjectionState state;
    @Autowired DatabaseClient db;

    @Test
    void aGroupUsedBefore_appliesEverythingAgain_itsOldInboxRowsAreForgotten() {
        String running = db.sql("select consumer from dashboard_projection").map(row -> row.get("consumer", String.class)).one().block();
        String a = "it-dashboard-a-" + UUID.randomUUID();
        String b = "it-dashboard-b-" + UUID.randomUUID();
        try {
            // A built the model once and applied an event; then B took over
            inboxRow(a);
            assertThat(state.claim(a, Instant.now()).block()).isEqualTo(running);
            inboxRow(a);
            assertThat(state.claim(b, Instant.now()).block()).isEqualTo(a);
            inboxRow(b);
            assertThat(inboxRows(a)).as("B's claim forgets A's rows").isZero();
            inboxRow(a); // as if A had applied it before B (a switch back is the case this test is about)

            // back to A: the model is emptied, and A will apply everything again
            assertThat(state.claim(a, Instant.now()).block()).isEqualTo(b);
            assertThat(inboxRows(b)).isZero();
            assertThat(inboxRows(a)).as("A's own old rows are forgotten too").isZero();
            assertThat(state.claim(a, Instant.now()).block()).as("the same group again: nothing happens").isNull();
        } finally {
            // the application of this context keeps building the model as its own consumer
            db.sql("update dashboard_projection set consumer = :consumer").bind("consumer", running).fetch().rowsUpdated().block();
            db.sql("delete from inbox where consumer in (:a, :b)").bind("a", a).bind("b", b).fetch().rowsUpdated().block();
        }
    }

    private void inboxRow(String consumer) {
        db.sql("insert into inbox (consumer, event_id, event_type) values (:consumer, :id, 'routing.conversation.assigned')")
                .bind("consumer", consumer).bind("id", UUID.randomUUID()).fetch().rowsUpdated().block();
    }

    private long inboxRows(String consumer) {
        return db.sql("select count(*) as n from inbox where consumer = :consumer").bind("consumer", consumer)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
